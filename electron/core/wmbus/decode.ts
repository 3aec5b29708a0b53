import { decodeApplicationLayer, type FrameKind } from './application-layer';
import { asDecodeError } from './errors';
import { FormatRegistry } from './format-registry';
import { meterIdentityOf, parseLinkHeader, type LinkHeader, type MeterIdentity } from './link-layer';
import type { MeterValues } from './drivers/driver';
import { driverValues } from './drivers/fields';
import { driverFor } from './drivers/registry';
import { openPayload, type KeyOptions, type PayloadEncryption } from './payload';
import type { MBusRecord } from './records';

export interface DecodeOptions extends KeyOptions {
  /**
   * Compact-frame formats; long frames decoded with it teach it their format. Without one, only the
   * formats the drivers declare are known and nothing is learned.
   */
  formats?: FormatRegistry;
}

export interface DecodedTelegram {
  meter: MeterIdentity;
  /** CI of the link layer (0x8D for OmniPower). */
  ci: number;
  /** ELL or TPL access number (the meter increments it per telegram), null if the frame has none. */
  accessNumber: number | null;
  encryption: PayloadEncryption;
  sessionNumber: number | null;
  minuteCounter: number | null;
  frameKind: FrameKind;
  /** ELL payload CRC as carried and as computed (equal, or decoding would have failed); null without ELL II. */
  payloadCrc: { expected: number; actual: number } | null;
  /** Compact-frame format signature, null for long frames. */
  compactSignature: number | null;
  /** The payload after the link layers, decrypted: from the payload CRC on for ELL II. */
  decrypted: Buffer;
  /** Every record of the telegram, whatever the driver makes of them. */
  records: MBusRecord[];
  /** The driver that produced `values`: 'omnipower', 'multical21', … or 'generic' for any other meter. */
  driver: string;
  /** The driver's fields by name (OmniPower: A+, A- in kWh, P+, P- in kW). */
  values: MeterValues;
}

/** Used when the caller passes no registry: knows the drivers' formats, learns nothing (holds no state). */
const BUILT_IN_FORMATS = new FormatRegistry({ learning: false });

/**
 * Decodes one wM-Bus frame given from the C field (no L field, no data-link CRCs — what the iM871A
 * delivers; see `normalizeFromL` for pasted hex). Throws only DecodeError subclasses, whatever the
 * input, with `meter` set whenever the link header could be read.
 */
export function decodeTelegram(
  frameFromC: Buffer,
  options: DecodeOptions,
  /** The frame's link header when the caller has parsed it already (to check the meter first). */
  parsedHeader?: LinkHeader,
): DecodedTelegram {
  let meter: MeterIdentity | undefined;
  try {
    const header = parsedHeader ?? parseLinkHeader(frameFromC);
    meter = meterIdentityOf(header);
    const opened = openPayload(frameFromC, header, options);
    const app = decodeApplicationLayer(
      opened.plain,
      opened.tplIndex,
      opened.plainOffset,
      options.formats ?? BUILT_IN_FORMATS,
    );
    const driver = driverFor(meter);
    const ell = opened.ell;
    return {
      meter,
      ci: header.ci,
      accessNumber: ell !== null ? ell.accessNumber : app.accessNumber,
      encryption: opened.encryption,
      sessionNumber: ell !== null ? ell.sessionNumber : null,
      minuteCounter: ell !== null ? ell.minuteCounter : null,
      frameKind: app.frameKind,
      payloadCrc: opened.payloadCrc,
      compactSignature: app.compact !== null ? app.compact.signature : null,
      decrypted: opened.plain,
      records: app.records,
      driver: driver.name,
      // A compact frame's format fixes its record layout: the driver reads it the same way each time.
      values: driverValues(driver, app.records, app.compact?.format),
    };
  } catch (error) {
    throw asDecodeError(error, meter);
  }
}

import type { TelegramErrorView } from '../../../shared/gateway-types';
import {
  decodeTelegram,
  DecodeError,
  explainTelegram,
  type ExplainedField,
  FormatRegistry,
  KeyCipherCache,
  meterIdentityOf,
  parseLinkHeader,
  PayloadCrcError,
  type DecodedTelegram,
  type MeterIdentity,
} from '../wmbus';

/**
 * The CLI's and the UI's outcome codes: the decoder's four plus the two of the stick and policy.
 * `likelyCause`, for payload CRC failures, says whether a wrong key or a damaged frame is likelier.
 */
export type TelegramError = TelegramErrorView;
export type { TelegramErrorCode } from '../../../shared/gateway-types';

export type TelegramOutcome =
  | { ok: true; meter: MeterIdentity; telegram: DecodedTelegram }
  | { ok: false; meter: MeterIdentity | null; error: TelegramError };

/** The monitored meters' keys: a Map, or anything that answers like one (the meter store). */
export type KeyLookup = Pick<ReadonlyMap<string, Buffer>, 'has' | 'get'>;

export interface MeterKeys {
  /** The monitored meters and their keys; when given, any other meter is UNKNOWN_METER. */
  monitored: KeyLookup | null;
  /** A key tried for meters without one of their own (the CLI's `--key`). */
  fallbackKey: Buffer | null;
}

/**
 * Decodes telegrams for a set of meters. Holds the state worth keeping between telegrams: one
 * AES cipher per key and the compact formats learned from long frames (OmniPower sends one long,
 * then seven compact).
 */
export class TelegramDecoder {
  private readonly ciphers = new KeyCipherCache();
  private readonly formats = new FormatRegistry({ learning: true });
  private readonly keyFor = (id: string): Buffer | undefined =>
    this.keys.monitored?.get(id) ?? this.keys.fallbackKey ?? undefined;
  private readonly options = { keyFor: this.keyFor, ciphers: this.ciphers, formats: this.formats };

  constructor(private readonly keys: MeterKeys) {}

  decode(frameFromC: Buffer): TelegramOutcome {
    let meter: MeterIdentity | null = null;
    try {
      const header = parseLinkHeader(frameFromC);
      meter = meterIdentityOf(header);
      if (this.keys.monitored && !this.keys.monitored.has(meter.id)) {
        return {
          ok: false,
          meter,
          error: {
            code: 'UNKNOWN_METER',
            message: `meter ${meter.id} (${meter.manufacturer}) is not one of the monitored meters; its telegram is ignored`,
          },
        };
      }
      const telegram = decodeTelegram(frameFromC, this.options, header);
      return { ok: true, meter: telegram.meter, telegram };
    } catch (error) {
      if (error instanceof DecodeError) {
        const detail: TelegramError = { code: error.code, message: error.message };
        // Wrong key and damaged frame fail the same CRC; the decoder says which is likelier.
        if (error instanceof PayloadCrcError) detail.likelyCause = error.likelyCause;
        return { ok: false, meter: error.meter ?? meter, error: detail };
      }
      // decodeTelegram promises typed errors only; anything else is our bug, reported, not thrown.
      return {
        ok: false,
        meter,
        error: { code: 'PARSE', message: `internal decoder error: ${String(error)}` },
      };
    }
  }

  /** The byte-level explanation (offsets from the C field), decrypting where a key is known. */
  explain(frameFromC: Buffer): ExplainedField[] {
    return explainTelegram(frameFromC, this.options);
  }
}

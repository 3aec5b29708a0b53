import { DATA_FIELD_LENGTH } from './data-field';
import { FrameFormatError, TruncatedRecordError, UnsupportedError } from './errors';
import { HEX_BYTE, hexByte } from './hex';
import { describeVif, type VifMeaning } from './vif-table';

/**
 * The header of a data record (EN 13757-3 §6.3–6.4): DIF [DIFE…] VIF [VIFE…], i.e. everything but
 * the data. A compact-frame format is a list of these.
 */

export type RecordFunction = 'instantaneous' | 'maximum' | 'minimum' | 'error';
const FUNCTIONS: readonly RecordFunction[] = ['instantaneous', 'maximum', 'minimum', 'error'];

/** EN 13757-3 caps DIFE and VIFE chains at 10 each. */
const MAX_EXTENSIONS = 10;
const DIF_MANUFACTURER_DATA = 0x0f;
const DIF_MORE_RECORDS_FOLLOW = 0x1f;
const DIF_IDLE_FILLER = 0x2f;
const DIF_GLOBAL_READOUT = 0x7f;
/** dataLength marker: manufacturer-specific data runs to the end of the payload. */
export const DATA_TO_END = -2;
/** dataLength marker: variable length, an LVAR byte first. */
export const DATA_VARIABLE = -1;

/** Everything about a record that does not depend on its data: what a compact format remembers. */
export interface RecordLayout {
  dif: number;
  difes: readonly number[];
  /** The VIF byte as on air (0xFB/0xFD: the table code is vifes[0]); null for special DIFs. */
  vif: number | null;
  vifes: readonly number[];
  /** Bytes from the DIF through the last VIFE (including a plain-text unit). */
  headerLength: number;
  /** Those bytes as lower-case hex, e.g. '04843c': worked out once per layout (a compact format's records share theirs). */
  headerHex: string;
  dataField: number;
  /** Fixed data bytes, or DATA_VARIABLE / DATA_TO_END. */
  dataLength: number;
  storage: number;
  tariff: number;
  subunit: number;
  function: RecordFunction;
  meaning: VifMeaning;
}

export const truncated = (what: string, at: number, needed: number, end: number): TruncatedRecordError =>
  new TruncatedRecordError(at, what, needed, end);

/** Reads a chain of extension bytes (bit 7 = another follows) starting at `pos`. */
function readChain(buf: Uint8Array, pos: number, end: number, frameOffset: number, what: string): number[] {
  const chain: number[] = [];
  let at = pos;
  for (;;) {
    if (at >= end) throw truncated(what, frameOffset + pos - 1, 1, frameOffset + end);
    if (chain.length === MAX_EXTENSIONS) {
      throw new FrameFormatError(`More than ${MAX_EXTENSIONS} ${what} bytes at offset ${frameOffset + at}.`, {
        offset: frameOffset + at,
      });
    }
    const byte = buf[at++]!;
    chain.push(byte);
    if ((byte & 0x80) === 0) return chain;
  }
}

const NO_EXTENSIONS: readonly number[] = Object.freeze([]);

/**
 * Reads a record header at `pos`. Returns undefined for an idle filler byte (0x2F), which is
 * skipped. `frameOffset` is the frame offset (from C) of buf[0], for messages and record offsets.
 */
export function readRecordLayout(
  buf: Uint8Array,
  pos: number,
  end: number,
  frameOffset: number,
): RecordLayout | undefined {
  const dif = buf[pos]!;
  if (dif === DIF_IDLE_FILLER) return undefined;
  const dataField = dif & 0x0f;
  const base = { difes: NO_EXTENSIONS, vifes: NO_EXTENSIONS, storage: 0, tariff: 0, subunit: 0 };
  if (dif === DIF_MANUFACTURER_DATA || dif === DIF_MORE_RECORDS_FOLLOW || dif === DIF_GLOBAL_READOUT) {
    const description =
      dif === DIF_GLOBAL_READOUT
        ? 'global readout request'
        : `manufacturer-specific data${dif === DIF_MORE_RECORDS_FOLLOW ? ', more records follow in the next telegram' : ''}`;
    return {
      ...base,
      dif,
      vif: null,
      headerLength: 1,
      headerHex: HEX_BYTE[dif]!,
      dataField,
      dataLength: dif === DIF_GLOBAL_READOUT ? 0 : DATA_TO_END,
      function: 'instantaneous',
      meaning: { description, unit: null, exponent: 0, factor: 1, kind: 'number', backward: false },
    };
  }
  if (dataField === 0x0f) {
    throw new UnsupportedError(`Reserved special DIF ${hexByte(dif)} at offset ${frameOffset + pos}.`, {
      offset: frameOffset + pos,
    });
  }
  let at = pos + 1;
  let storage = (dif >>> 6) & 1;
  let tariff = 0;
  let subunit = 0;
  let difes = NO_EXTENSIONS;
  if ((dif & 0x80) !== 0) {
    difes = readChain(buf, at, end, frameOffset, 'DIFE');
    at += difes.length;
    // Each DIFE adds 4 storage bits, 2 tariff bits and 1 subunit bit above the previous ones.
    for (let i = 0; i < difes.length; i++) {
      const dife = difes[i]!;
      storage += (dife & 0x0f) * 2 ** (1 + 4 * i);
      tariff += ((dife >>> 4) & 0x03) * 2 ** (2 * i);
      subunit += ((dife >>> 6) & 0x01) * 2 ** i;
    }
  }
  if (at >= end) throw truncated('the VIF', frameOffset + pos, 1, frameOffset + end);
  const vif = buf[at++]!;
  let plainTextUnit: string | undefined;
  if ((vif & 0x7f) === 0x7c) {
    // Plain-text VIF: length byte + ASCII (last character first), before any VIFE, as libmbus reads it.
    if (at >= end) throw truncated('the plain-text unit length', frameOffset + pos, 1, frameOffset + end);
    const length = buf[at++]!;
    if (at + length > end)
      throw truncated('the plain-text unit', frameOffset + pos, length, frameOffset + end);
    plainTextUnit = '';
    for (let i = length - 1; i >= 0; i--) plainTextUnit += String.fromCharCode(buf[at + i]!);
    at += length;
  }
  let vifes = NO_EXTENSIONS;
  if ((vif & 0x80) !== 0) {
    vifes = readChain(buf, at, end, frameOffset, 'VIFE');
    at += vifes.length;
  }
  const meaning = describeVif(vif, vifes, plainTextUnit);
  return {
    dif,
    difes,
    vif,
    vifes,
    headerLength: at - pos,
    headerHex: headerHex(dif, difes, vif, vifes, meaning.unit),
    dataField,
    dataLength: DATA_FIELD_LENGTH[dataField]!,
    storage,
    tariff,
    subunit,
    function: FUNCTIONS[(dif >>> 4) & 0x03]!,
    meaning,
  };
}

/** DIF [DIFE…] VIF [VIFE…] as hex; a plain-text unit is written back as on air: length, then characters last first. */
function headerHex(
  dif: number,
  difes: readonly number[],
  vif: number,
  vifes: readonly number[],
  unit: string | null,
): string {
  let hex = HEX_BYTE[dif]!;
  for (const dife of difes) hex += HEX_BYTE[dife];
  hex += HEX_BYTE[vif];
  if ((vif & 0x7f) === 0x7c && unit !== null) {
    hex += HEX_BYTE[unit.length & 0xff];
    for (let i = unit.length - 1; i >= 0; i--) hex += HEX_BYTE[unit.charCodeAt(i) & 0xff];
  }
  for (const vife of vifes) hex += HEX_BYTE[vife];
  return hex;
}

import {
  dataFieldName,
  formatDateTime,
  readFixedValue,
  readUnsignedLE,
  readVariableValue,
  type RawValue,
} from './data-field';
import { UnsupportedError } from './errors';
import { hexByte, plainHex } from './hex';
import {
  DATA_TO_END,
  DATA_VARIABLE,
  readRecordLayout,
  truncated,
  type RecordFunction,
  type RecordLayout,
} from './record-layout';
import type { VifMeaning } from './vif-table';

export { readRecordLayout, type RecordFunction, type RecordLayout } from './record-layout';

/**
 * Generic data records (EN 13757-3 §6): DIF [DIFE…] VIF [VIFE…] data. Used for TPL-CI 0x78 frames
 * and, via the learned layouts, for compact frames.
 */

export interface MBusRecord {
  /** Offset of the DIF, counted from the C field. */
  offset: number;
  /** Offset and length of the data bytes (after an LVAR byte, if any), counted from the C field. */
  dataOffset: number;
  dataLength: number;
  dif: number;
  difes: readonly number[];
  vif: number | null;
  vifes: readonly number[];
  /** The header bytes as lower-case hex (the layout's `headerHex`). */
  headerHex: string;
  storage: number;
  tariff: number;
  subunit: number;
  function: RecordFunction;
  rawValue: RawValue;
  /** Scaled to `unit` (a base unit: Wh, W, m3, s, …); text for dates; null when unknown/invalid. */
  value: number | string | null;
  unit: string | null;
  /** Decimal exponent of the raw value in `unit` (e.g. 1 for VIF 0x04: raw × 10 Wh); time units also
   * carry a factor (minutes → s), so use `value` for those. */
  exponent: number;
  description: string;
  backward: boolean;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** raw × 10^exponent without binary noise: dividing by an exact power of ten rounds correctly. */
export function scaleDecimal(raw: number, exponent: number): number {
  if (exponent >= 0) return exponent < POW10.length ? raw * POW10[exponent]! : raw * 10 ** exponent;
  return -exponent < POW10.length ? raw / POW10[-exponent]! : raw / 10 ** -exponent;
}

/** Dates are bit fields, not integers (EN 13757-3 Annex A types F, G, I, J). */
function isDateLayout(layout: RecordLayout, length: number): boolean {
  const kind = layout.meaning.kind;
  return (kind === 'date' || kind === 'datetime') && length > 0 && length <= 6 && layout.dataField !== 0x05;
}

function scaleRaw(raw: RawValue, meaning: VifMeaning): number | null {
  if (typeof raw === 'bigint') raw = Number(raw);
  if (typeof raw !== 'number') return null;
  if (meaning.unit === null) return raw;
  return scaleDecimal(meaning.factor === 1 ? raw : raw * meaning.factor, meaning.exponent);
}

/** Builds the record for `layout` whose DIF is at `headerPos` and data at `dataPos`. */
export function readRecordData(
  layout: RecordLayout,
  buf: Uint8Array,
  headerPos: number,
  dataPos: number,
  end: number,
  frameOffset: number,
): MBusRecord {
  let dataStart = dataPos;
  let length = layout.dataLength;
  let raw: RawValue;
  let value: number | string | null;
  if (length === DATA_TO_END) {
    length = end - dataPos;
    raw = plainHex(buf, dataPos, end);
    value = null;
  } else if (length === DATA_VARIABLE) {
    if (dataPos >= end) throw truncated('the LVAR byte', frameOffset + headerPos, 1, frameOffset + end);
    const lvar = buf[dataPos]!;
    const variable = readVariableValue(buf, dataPos + 1, lvar, end);
    if (variable === undefined) {
      throw new UnsupportedError(
        `Record at offset ${frameOffset + headerPos}: variable-length data with LVAR ${hexByte(lvar)} ` +
          `(offset ${frameOffset + dataPos}) is not supported.`,
        { offset: frameOffset + dataPos },
      );
    }
    dataStart = dataPos + 1;
    length = variable.length;
    if (dataStart + length > end)
      throw truncated('its data', frameOffset + headerPos, length, frameOffset + end);
    if (layout.meaning.kind === 'binary') {
      raw = plainHex(buf, dataStart, dataStart + length);
      value = null;
    } else {
      raw = variable.raw;
      value = typeof raw === 'string' ? raw : scaleRaw(raw, layout.meaning);
    }
  } else {
    if (dataPos + length > end) {
      throw truncated(
        `${dataFieldName(layout.dataField)} data`,
        frameOffset + headerPos,
        length,
        frameOffset + end,
      );
    }
    if (layout.meaning.kind === 'binary') {
      raw = plainHex(buf, dataPos, dataPos + length);
      value = null;
    } else if (isDateLayout(layout, length)) {
      raw = readUnsignedLE(buf, dataPos, length);
      value = formatDateTime(buf, dataPos, length);
    } else {
      raw = readFixedValue(buf, dataPos, layout.dataField, length);
      value = scaleRaw(raw, layout.meaning);
    }
  }
  return {
    offset: frameOffset + headerPos,
    dataOffset: frameOffset + dataStart,
    dataLength: length,
    dif: layout.dif,
    difes: layout.difes,
    vif: layout.vif,
    vifes: layout.vifes,
    headerHex: layout.headerHex,
    storage: layout.storage,
    tariff: layout.tariff,
    subunit: layout.subunit,
    function: layout.function,
    rawValue: raw,
    value,
    unit: layout.meaning.unit,
    exponent: layout.meaning.exponent,
    description: layout.meaning.description,
    backward: layout.meaning.backward,
  };
}

/** Parses all records in buf[start, end); `frameOffset` = frame offset (from C) of buf[0]. */
export function parseRecords(buf: Uint8Array, start: number, end: number, frameOffset: number): MBusRecord[] {
  const records: MBusRecord[] = [];
  let pos = start;
  while (pos < end) {
    const layout = readRecordLayout(buf, pos, end, frameOffset);
    if (layout === undefined) {
      pos++;
      continue;
    }
    const record = readRecordData(layout, buf, pos, pos + layout.headerLength, end, frameOffset);
    records.push(record);
    pos = record.dataOffset + record.dataLength - frameOffset;
  }
  return records;
}

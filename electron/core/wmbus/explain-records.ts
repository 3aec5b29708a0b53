import { COMPACT_HEADER_LENGTH, compactDataCrc, decodeCompactFrame } from './compact';
import { dataFieldName } from './data-field';
import type { ExplainFieldList } from './explain-fields';
import type { FormatRegistry } from './format-registry';
import { hexByte, hexWord, spacedHex } from './hex';
import { readRecordData, readRecordLayout, type MBusRecord, type RecordLayout } from './records';

/** Explanation of the application layer: data records of long frames, values of compact frames. */

function recordWhere(record: Pick<RecordLayout, 'function' | 'storage' | 'tariff' | 'subunit'>): string {
  const parts: string[] = [record.function];
  if (record.storage !== 0) parts.push(`storage ${record.storage}`);
  if (record.tariff !== 0) parts.push(`tariff ${record.tariff}`);
  if (record.subunit !== 0) parts.push(`subunit ${record.subunit}`);
  return parts.join(', ');
}

function explainRecordHeader(
  fields: ExplainFieldList,
  plain: Buffer,
  base: number,
  pos: number,
  layout: RecordLayout,
): void {
  const vif = layout.vif === null ? '' : `, VIF ${[layout.vif, ...layout.vifes].map(hexByte).join(' ')}`;
  const difes = layout.difes.length === 0 ? '' : ` DIFE ${layout.difes.map(hexByte).join(' ')}`;
  fields.add(
    plain,
    base,
    base + pos,
    layout.headerLength,
    'DIF/VIF',
    `DIF ${hexByte(layout.dif)}${difes} (${dataFieldName(layout.dataField)}, ${recordWhere(layout)})${vif}: ` +
      layout.meaning.description,
  );
}

function explainRecordData(
  fields: ExplainFieldList,
  plain: Buffer,
  base: number,
  record: MBusRecord,
  compact: boolean,
): void {
  const value =
    record.value === null
      ? `raw ${String(record.rawValue)}`
      : `${record.value}${record.unit === null ? '' : ` ${record.unit}`}`;
  fields.add(
    plain,
    base,
    record.dataOffset,
    record.dataLength,
    record.description,
    compact ? `${value} (${recordWhere(record)}; meaning from the format signature)` : value,
  );
}

/** Records one by one, so a truncated or odd record still leaves what came before it explained. */
export function explainRecords(fields: ExplainFieldList, plain: Buffer, base: number, start: number): void {
  let pos = start;
  while (pos < plain.length) {
    const layout = readRecordLayout(plain, pos, plain.length, base);
    if (layout === undefined) {
      // A run of fill bytes is one field: mode-5 telegrams fill their last block with them.
      let end = pos + 1;
      while (end < plain.length && plain[end] === plain[pos]) end++;
      const count = end - pos;
      const meaning =
        count === 1 ? 'DIF 0x2f: no record, skipped' : `${count} × DIF 0x2f: no record, skipped`;
      fields.add(plain, base, base + pos, count, 'idle filler', meaning);
      pos = end;
      continue;
    }
    explainRecordHeader(fields, plain, base, pos, layout);
    const record = readRecordData(layout, plain, pos, pos + layout.headerLength, plain.length, base);
    explainRecordData(fields, plain, base, record, false);
    pos = record.dataOffset + record.dataLength - base;
  }
}

export function explainCompact(
  fields: ExplainFieldList,
  plain: Buffer,
  base: number,
  tplIndex: number,
  formats: FormatRegistry,
) {
  const at = base + tplIndex;
  if (plain.length - tplIndex >= COMPACT_HEADER_LENGTH) {
    const signature = plain[tplIndex + 1]! | (plain[tplIndex + 2]! << 8);
    const format = formats.get(signature);
    const signatureField = fields.add(
      plain,
      base,
      at + 1,
      2,
      'format signature',
      `${hexWord(signature)} (little-endian)`,
    );
    signatureField.check = format
      ? {
          ok: true,
          detail: `${format.learned ? 'learned' : 'built-in'} format, DIF/VIF ${spacedHex(format.difVif)}`,
        }
      : { ok: false, detail: 'unknown format: wait for a long frame from this meter' };
    const crcField = fields.add(
      plain,
      base,
      at + 3,
      2,
      'data CRC',
      'CRC-16/EN-13757 over the long-frame records',
    );
    if (format !== undefined && plain.length - tplIndex - COMPACT_HEADER_LENGTH >= format.dataLength) {
      const expected = plain[tplIndex + 3]! | (plain[tplIndex + 4]! << 8);
      const actual = compactDataCrc(format, plain, tplIndex + COMPACT_HEADER_LENGTH);
      crcField.check = {
        ok: expected === actual,
        detail: `carried ${hexWord(expected)}, computed ${hexWord(actual)}`,
      };
    }
  }
  const compact = decodeCompactFrame(plain, tplIndex, plain.length, base, formats);
  for (const record of compact.records) explainRecordData(fields, plain, base, record, true);
}

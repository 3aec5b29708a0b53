import { crc16En13757Continue, crc16En13757Finish } from './crc';
import { CompactDataCrcError, FrameFormatError, UnknownCompactFormatError } from './errors';
import type { CompactFormat, FormatRegistry } from './format-registry';
import { readRecordData, type MBusRecord } from './records';

/**
 * TPL-CI 0x79 compact frame: 0x79 | format signature(2, LE) | data CRC(2, LE) | values. The data CRC
 * is CRC-16/EN-13757 over the records as the equivalent long frame would carry them (DIF/VIF +
 * data re-assembled), so a matching CRC proves both the values and our idea of their format.
 */

export const TPL_CI_COMPACT = 0x79;
/** 0x79, signature, data CRC. */
export const COMPACT_HEADER_LENGTH = 5;
const IDLE_FILLER = 0x2f;

export interface CompactFrame {
  signature: number;
  dataCrc: { expected: number; actual: number };
  format: CompactFormat;
  /** Compact records carry no DIF/VIF on air: `offset` = `dataOffset` (from the C field). */
  records: MBusRecord[];
}

/** CRC-16/EN-13757 of the long-frame records that `format` + the values at `valuesPos` stand for. */
export function compactDataCrc(format: CompactFormat, buf: Uint8Array, valuesPos: number): number {
  let reg = 0;
  let pos = valuesPos;
  const { layouts, headerOffsets, difVif } = format;
  for (let i = 0; i < layouts.length; i++) {
    const headerStart = headerOffsets[i]!;
    const layout = layouts[i]!;
    reg = crc16En13757Continue(reg, difVif, headerStart, headerStart + layout.headerLength);
    reg = crc16En13757Continue(reg, buf, pos, pos + layout.dataLength);
    pos += layout.dataLength;
  }
  return crc16En13757Finish(reg);
}

/** Decodes the compact frame whose TPL-CI (0x79) is buf[tplPos]; buf[0] is at frame offset `frameOffset`. */
export function decodeCompactFrame(
  buf: Uint8Array,
  tplPos: number,
  end: number,
  frameOffset: number,
  formats: FormatRegistry,
): CompactFrame {
  if (end - tplPos < COMPACT_HEADER_LENGTH) {
    throw new FrameFormatError(
      `Compact frame at offset ${frameOffset + tplPos} ends at offset ${frameOffset + end}, before its format ` +
        'signature and data CRC (4 bytes after the TPL-CI).',
      { offset: frameOffset + end },
    );
  }
  const signature = buf[tplPos + 1]! | (buf[tplPos + 2]! << 8);
  const expected = buf[tplPos + 3]! | (buf[tplPos + 4]! << 8);
  const format = formats.get(signature);
  if (format === undefined) throw new UnknownCompactFormatError(signature, frameOffset + tplPos + 1);
  const valuesPos = tplPos + COMPACT_HEADER_LENGTH;
  const valuesEnd = valuesPos + format.dataLength;
  if (valuesEnd > end) {
    throw new FrameFormatError(
      `Compact frame with format signature 0x${signature.toString(16).padStart(4, '0')} needs ` +
        `${format.dataLength} value bytes from offset ${frameOffset + valuesPos}, but the payload ends at ` +
        `offset ${frameOffset + end}: the telegram is truncated.`,
      { offset: frameOffset + end },
    );
  }
  for (let i = valuesEnd; i < end; i++) {
    if (buf[i] !== IDLE_FILLER) {
      throw new FrameFormatError(
        `Compact frame has ${end - valuesEnd} byte(s) after its ${format.dataLength} value bytes (from offset ` +
          `${frameOffset + valuesEnd}); its format signature does not describe it.`,
        { offset: frameOffset + valuesEnd },
      );
    }
  }
  const actual = compactDataCrc(format, buf, valuesPos);
  if (actual !== expected) throw new CompactDataCrcError(expected, actual, frameOffset + tplPos + 3);
  const records: MBusRecord[] = [];
  let pos = valuesPos;
  for (const layout of format.layouts) {
    records.push(readRecordData(layout, buf, pos, pos, valuesEnd, frameOffset));
    pos += layout.dataLength;
  }
  return { signature, dataCrc: { expected, actual }, format, records };
}

import { crc16En13757 } from './crc';
import { DllCrcError, FrameFormatError } from './errors';

/**
 * Data-link-layer CRC blocks, EN 13757-4 §5.2. The iM871A strips them (its payload is the frame
 * from C without CRCs, docs/ARCHITECTURE.md § iM871A), but hex pasted from other tools often still carries them:
 * - format A: block 1 = L C M A (10 bytes) + CRC, then blocks of 16 bytes + CRC, the last block
 *   shorter; L counts the bytes after L without the CRCs.
 * - format B: block 1+2 = L … up to 126 bytes + CRC, optional block 3 = the rest + CRC; L counts
 *   everything after L including the CRCs.
 * CRCs are CRC-16/EN-13757, big-endian (most significant byte first), unlike the payload CRC.
 */

export type DllFormat = 'none' | 'A' | 'B';

export interface NormalizedFrame {
  /** The frame from the C field, without L and without data-link CRCs (what the stick delivers). */
  frame: Buffer;
  dll: DllFormat;
}

const FORMAT_A_FIRST_BLOCK = 10;
const FORMAT_A_BLOCK = 16;
/** Format B: bytes from L up to the first CRC when a third block follows. */
const FORMAT_B_FIRST_PART = 126;
const FORMAT_B_SINGLE_MAX = 128;
const MAX_L = 255;

/** Number of CRCs a format-A frame with this L field carries. */
function formatACrcCount(l: number): number {
  return 1 + Math.ceil((l - (FORMAT_A_FIRST_BLOCK - 1)) / FORMAT_A_BLOCK);
}

/** Total bytes (L field included) of a format-A frame with this L field. */
function formatALength(l: number): number {
  return 1 + l + 2 * formatACrcCount(l);
}

function readBigEndian16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function checkBlock(bytes: Uint8Array, format: 'A' | 'B', block: number, start: number, end: number): void {
  const expected = readBigEndian16(bytes, end);
  const actual = crc16En13757(bytes, start, end);
  if (expected !== actual) throw new DllCrcError(format, block, expected, actual, end);
}

function stripFormatA(bytes: Buffer): Buffer {
  const l = bytes[0]!;
  const frame = Buffer.allocUnsafe(l);
  let read = 0;
  let written = 0;
  let block = 1;
  let blockLength = FORMAT_A_FIRST_BLOCK;
  while (written < l) {
    const dataInBlock = block === 1 ? blockLength - 1 : Math.min(blockLength, l - written);
    const blockEnd = read + (block === 1 ? blockLength : dataInBlock);
    checkBlock(bytes, 'A', block, read, blockEnd);
    written += bytes.copy(frame, written, block === 1 ? read + 1 : read, blockEnd);
    read = blockEnd + 2;
    block++;
    blockLength = FORMAT_A_BLOCK;
  }
  return frame;
}

/** True when the frame's length and CRC(s) are those of format B; throws nothing. */
function isValidFormatB(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < FORMAT_A_FIRST_BLOCK + 2) return false;
  if (n <= FORMAT_B_SINGLE_MAX) return readBigEndian16(bytes, n - 2) === crc16En13757(bytes, 0, n - 2);
  if (n < FORMAT_B_SINGLE_MAX + 3) return false;
  return (
    readBigEndian16(bytes, FORMAT_B_FIRST_PART) === crc16En13757(bytes, 0, FORMAT_B_FIRST_PART) &&
    readBigEndian16(bytes, n - 2) === crc16En13757(bytes, FORMAT_B_FIRST_PART + 2, n - 2)
  );
}

function stripFormatB(bytes: Buffer): Buffer {
  const n = bytes.length;
  if (n <= FORMAT_B_SINGLE_MAX) return Buffer.from(bytes.subarray(1, n - 2));
  return Buffer.concat([
    bytes.subarray(1, FORMAT_B_FIRST_PART),
    bytes.subarray(FORMAT_B_FIRST_PART + 2, n - 2),
  ]);
}

/**
 * Accepts a wM-Bus frame starting at the L field, with or without data-link CRCs, and returns the
 * frame from C without them. Lengths decide between "no CRCs"/format B (L + 1 bytes) and format A;
 * since format B has the same length as a CRC-less frame, it is recognised by its CRCs verifying
 * (a chance match is 1 in 65536); a format-B frame with a broken CRC therefore comes back as 'none'
 * and fails later at the payload CRC.
 */
export function normalizeFromL(bytes: Buffer): NormalizedFrame {
  if (bytes.length < 2) {
    throw new FrameFormatError(
      `A wM-Bus frame from the L field needs at least an L byte and a C field; got ${bytes.length} byte(s).`,
      { offset: bytes.length },
    );
  }
  const l = bytes[0]!;
  const plainLength = l + 1;
  const withA = l >= FORMAT_A_FIRST_BLOCK - 1 ? formatALength(l) : undefined;
  if (withA !== undefined && bytes.length === withA) return { frame: stripFormatA(bytes), dll: 'A' };
  if (bytes.length === plainLength) {
    if (isValidFormatB(bytes)) return { frame: stripFormatB(bytes), dll: 'B' };
    return { frame: bytes.subarray(1), dll: 'none' };
  }
  const aText = withA === undefined ? '' : `, or ${withA} with format A data-link CRCs`;
  throw new FrameFormatError(
    `The L field (offset 0) is 0x${l.toString(16).padStart(2, '0')} = ${l}, so the frame should be ` +
      `${plainLength} bytes long including L (no data-link CRCs, or format B)${aText}; got ${bytes.length}. ` +
      'The hex is truncated, has extra bytes (e.g. a stick CRC or RSSI), or does not start at the L field.',
    { offset: Math.min(bytes.length, plainLength) },
  );
}

function checkedL(l: number, what: string): number {
  if (l > MAX_L) throw new RangeError(`frame too long for ${what}: L would be ${l}, the maximum is ${MAX_L}`);
  return l;
}

/** "From L without CRCs": prepends the L field (the number of bytes that follow). */
export function withLField(frameFromC: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(frameFromC.length + 1);
  out[0] = checkedL(frameFromC.length, 'an L field');
  out.set(frameFromC, 1);
  return out;
}

/** "From L with format-A data-link CRCs" (EN 13757-4 §5.2.2.2). */
export function withDllCrcFormatA(frameFromC: Uint8Array): Buffer {
  const l = checkedL(frameFromC.length, 'format A');
  if (l < FORMAT_A_FIRST_BLOCK - 1)
    throw new RangeError(`format A needs at least C, M and A (9 bytes), got ${l}`);
  const out = Buffer.allocUnsafe(formatALength(l));
  out[0] = l;
  let read = 0;
  let write = 1;
  let blockStart = 0;
  let blockLength = FORMAT_A_FIRST_BLOCK - 1;
  while (read < l) {
    const take = Math.min(blockLength, l - read);
    out.set(frameFromC.subarray(read, read + take), write);
    read += take;
    write += take;
    out.writeUInt16BE(crc16En13757(out, blockStart, write), write);
    write += 2;
    blockStart = write;
    blockLength = FORMAT_A_BLOCK;
  }
  return out;
}

/** "From L with format-B data-link CRCs" (EN 13757-4 §5.2.2.3). */
export function withDllCrcFormatB(frameFromC: Uint8Array): Buffer {
  const n = frameFromC.length;
  if (n < FORMAT_A_FIRST_BLOCK - 1)
    throw new RangeError(`format B needs at least C, M and A (9 bytes), got ${n}`);
  if (n + 3 <= FORMAT_B_SINGLE_MAX) {
    const out = Buffer.allocUnsafe(n + 3);
    out[0] = n + 2;
    out.set(frameFromC, 1);
    out.writeUInt16BE(crc16En13757(out, 0, n + 1), n + 1);
    return out;
  }
  const out = Buffer.allocUnsafe(n + 5);
  out[0] = checkedL(n + 4, 'format B');
  const firstPart = FORMAT_B_FIRST_PART - 1;
  out.set(frameFromC.subarray(0, firstPart), 1);
  out.writeUInt16BE(crc16En13757(out, 0, FORMAT_B_FIRST_PART), FORMAT_B_FIRST_PART);
  out.set(frameFromC.subarray(firstPart), FORMAT_B_FIRST_PART + 2);
  out.writeUInt16BE(crc16En13757(out, FORMAT_B_FIRST_PART + 2, n + 3), n + 3);
  return out;
}

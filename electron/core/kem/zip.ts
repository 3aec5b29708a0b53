import zlib from 'node:zlib';
import { ZipError } from './errors';

// The least of a zip reader a KEM delivery needs (PKWARE APPNOTE.TXT §4.3): the central directory,
// entries stored (method 0) or deflated (method 8), each checked against its CRC-32. Encrypted
// entries and ZIP64 archives are refused in words; nothing is written anywhere.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
/** Method 99 is WinZip's AES; flag bit 0 traditional PKWARE encryption, bit 6 strong encryption. */
const AES_METHOD = 99;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8_NAME = 0x0800;

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

/** Whether the bytes start like a zip archive (a local header, or the end record of an empty one). */
export function looksLikeZip(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  const signature = bytes.readUInt32LE(0);
  return signature === LOCAL_HEADER || signature === END_OF_DIRECTORY;
}

/** The archive's entries from its central directory (folders included, as names ending in '/'). */
export function listZipEntries(bytes: Buffer): ZipEntry[] {
  const end = findEndRecord(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw new ZipError(
      'The zip archive is a ZIP64 archive, which this reader does not open; unzip it and import the .kem file inside.',
      end,
    );
  if (directoryOffset + directorySize > end)
    throw new ZipError(
      `The zip archive is truncated or damaged: its directory should span bytes ${directoryOffset}–${directoryOffset + directorySize}, but the archive's end record is at byte ${end}.`,
      end,
    );
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new ZipError(
        `The zip archive's directory is damaged: entry ${i + 1} of ${count} is not at byte ${at}.`,
        at,
      );
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > end)
      throw new ZipError(`The zip archive's directory is damaged: entry ${i + 1} runs past its end.`, at);
    entries.push({
      name: bytes.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      method,
      encrypted: (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0 || method === AES_METHOD,
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

/** One entry's bytes, inflated and CRC-checked; refuses entries declaring more than `maxBytes`. */
export function extractZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.encrypted)
    throw new ZipError(
      `"${entry.name}" in the zip archive is encrypted with a zip password; unzip it with that password first and import the .kem file itself.`,
    );
  if (entry.size > maxBytes)
    throw new ZipError(
      `"${entry.name}" in the zip archive unpacks to ${entry.size} bytes, more than a KEM file has (at most ${maxBytes}).`,
    );
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER)
    throw new ZipError(
      `The zip archive is truncated or damaged: "${entry.name}" should start at byte ${at}.`,
      at,
    );
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (stop > bytes.length)
    throw new ZipError(
      `The zip archive is truncated: "${entry.name}" needs bytes ${start}–${stop}, but the archive ends at byte ${bytes.length}.`,
      bytes.length,
    );
  const data = inflate(bytes.subarray(start, stop), entry, maxBytes);
  if (data.length !== entry.size || zlib.crc32(data) !== entry.crc32)
    throw new ZipError(
      `"${entry.name}" in the zip archive is damaged: its content does not match its checksum (CRC-32).`,
      start,
    );
  return data;
}

function inflate(raw: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.method === STORED) return Buffer.from(raw);
  if (entry.method !== DEFLATED)
    throw new ZipError(
      `"${entry.name}" in the zip archive is compressed with method ${entry.method}; this reader knows stored and deflated entries only.`,
    );
  try {
    return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(maxBytes, 1) });
  } catch (error) {
    throw new ZipError(
      `"${entry.name}" in the zip archive is damaged: it does not inflate (${(error as Error).message}).`,
    );
  }
}

/** The end-of-central-directory record: the last 22 bytes, or earlier when the archive has a comment. */
function findEndRecord(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - END_RECORD_BYTES; at >= lowest; at--) {
    if (
      bytes.readUInt32LE(at) === END_OF_DIRECTORY &&
      at + END_RECORD_BYTES + bytes.readUInt16LE(at + 20) <= bytes.length
    )
      return at;
  }
  throw new ZipError(
    `The zip archive is truncated: its end record (the directory of what it holds) is missing; the download or copy was cut short at ${bytes.length} bytes.`,
    bytes.length,
  );
}

import { firstInvalidUtf8 } from './xml-text';

// What a file that is not a KEM file looks like, in words a technician recognises ("a PDF
// document", "an HTML page"), from its first bytes. Never quotes the content: a wrong file may
// still hold secrets (a key list as text, say).

/** File signatures (magic numbers) of what technicians are most often sent instead of a key file. */
const SIGNATURES: ReadonlyArray<{ bytes: number[]; looksLike: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], looksLike: 'a PDF document' },
  { bytes: [0x1f, 0x8b], looksLike: 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], looksLike: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], looksLike: 'a RAR archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], looksLike: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], looksLike: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], looksLike: 'a GIF image' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    looksLike: 'an older Office document (.doc, .xls) or an Outlook message',
  },
  { bytes: [0x4d, 0x5a], looksLike: 'a Windows program' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], looksLike: 'a Linux program' },
  { bytes: [0xff, 0xfe], looksLike: 'UTF-16 text, which this reader does not read (save it as UTF-8)' },
  { bytes: [0xfe, 0xff], looksLike: 'UTF-16 text, which this reader does not read (save it as UTF-8)' },
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Where the content starts: after a UTF-8 byte-order mark and leading whitespace. */
export function contentStart(bytes: Buffer): number {
  let at = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]!))) at++;
  return at;
}

/** True when the text starts like an HTML page (`<!DOCTYPE html`, `<html`). */
export function looksLikeHtml(bytes: Buffer): boolean {
  const head = bytes.toString('latin1', contentStart(bytes), contentStart(bytes) + 512).toLowerCase();
  return /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/.test(head);
}

/** What bytes that are neither a zip archive nor XML look like, as "a PDF document" etc. */
export function describeContent(bytes: Buffer): string {
  const start = contentStart(bytes);
  if (start >= bytes.length) return bytes.length === 0 ? 'an empty file' : 'an empty file (only blank space)';
  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) return signature.looksLike;
  if (looksLikeHtml(bytes)) return 'an HTML page (perhaps a web page saved instead of the file it offered)';
  if (!isText(bytes)) return `binary data (${bytes.length} bytes) of a kind this app does not know`;
  const text = bytes.toString('utf8', start);
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'JSON text';
    } catch {
      return 'text that starts like JSON but is not valid JSON';
    }
  }
  const lines = text.trimEnd().split(/\r?\n/).length;
  return `plain text (${lines} line${lines === 1 ? '' : 's'}), not XML`;
}

/** Well-formed UTF-8 without NUL and with hardly any other control characters. */
function isText(bytes: Buffer): boolean {
  if (firstInvalidUtf8(bytes) !== -1) return false;
  let controls = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  return controls <= bytes.length / 100;
}

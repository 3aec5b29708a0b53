import type { PayloadPreview } from '../../../shared/mqtt/types';

/** Default preview size. Unlike MQTT Explorer's silent 20 kB cut, a cut is always flagged. */
export const DEFAULT_PREVIEW_BYTES = 64 * 1024;
/** Payloads above this are not parsed as a whole to decide whether they are JSON. */
const MAX_JSON_CHECK_BYTES = 4 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** A payload as text, JSON or hex, showing at most `limit` bytes and saying when it is cut. */
export function previewPayload(payload: Uint8Array, limit = DEFAULT_PREVIEW_BYTES): PayloadPreview {
  const size = payload.byteLength;
  if (size === 0) return { format: 'empty', size, text: '', hex: null, truncated: false, shownBytes: 0 };
  const text = decodeText(payload);
  if (text === null) {
    const shown = Math.min(size, Math.floor(limit / 3));
    return {
      format: 'binary',
      size,
      text: null,
      hex: toHex(payload.subarray(0, shown)),
      truncated: shown < size,
      shownBytes: shown,
    };
  }
  const json = size <= MAX_JSON_CHECK_BYTES && looksLikeJson(text);
  if (size <= limit)
    return { format: json ? 'json' : 'text', size, text, hex: null, truncated: false, shownBytes: size };
  const cut = utf8Prefix(payload, limit);
  return {
    format: json ? 'json' : 'text',
    size,
    text: lenientUtf8.decode(payload.subarray(0, cut)),
    hex: null,
    truncated: true,
    shownBytes: cut,
  };
}

/** Valid UTF-8 without control characters other than tab, CR and LF; otherwise null. */
function decodeText(payload: Uint8Array): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(payload);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The longest prefix of at most `limit` bytes that does not split a UTF-8 character. */
function utf8Prefix(bytes: Uint8Array, limit: number): number {
  let cut = Math.min(limit, bytes.byteLength);
  while (cut > 0 && cut < bytes.byteLength && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

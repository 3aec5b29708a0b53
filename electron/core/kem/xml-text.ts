// Character-level rules of XML 1.0 (W3C, 5th edition) the reader needs: UTF-8 well-formedness, which
// characters a document may hold (§2.2), and the references that stand for them (§4.1, §4.6).

/** The first byte where `bytes` stop being well-formed UTF-8 (RFC 3629), or -1 when they never do. */
export function firstInvalidUtf8(bytes: Buffer, from = 0): number {
  let at = from;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    // The sequence length and the bounds of the second byte (no overlong forms, no surrogates, ≤ U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    if (at + length > bytes.length) return at;
    const second = bytes[at + 1]!;
    if (second < low || second > high) return at;
    for (let i = 2; i < length; i++) if ((bytes[at + i]! & 0xc0) !== 0x80) return at;
    at += length;
  }
  return -1;
}

/** A code point an XML 1.0 document may contain (§2.2 Char). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The text a reference stands for (`lt`, `#65`, `#x41` without `&` and `;`), or a problem in words:
 * only the five predefined entities are known, since KEM documents declare none.
 */
export function resolveReference(body: string): { ok: true; text: string } | { ok: false; problem: string } {
  if (!body.startsWith('#')) {
    const text = PREDEFINED[body];
    return text !== undefined
      ? { ok: true, text }
      : {
          ok: false,
          problem: `an unknown entity &${body.slice(0, 24)}; (only &lt; &gt; &amp; &quot; &apos; are defined)`,
        };
  }
  const hex = body[1] === 'x';
  const digits = body.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9a-fA-F]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits);
  const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
  if (!valid || !isXmlChar(code))
    return { ok: false, problem: `a character reference &${body.slice(0, 12)}; to no character XML allows` };
  return { ok: true, text: String.fromCodePoint(code) };
}

/** What a control character is called in an error: `U+0003`. */
export const codePointName = (code: number): string =>
  `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

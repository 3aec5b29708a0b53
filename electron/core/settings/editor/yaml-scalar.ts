import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';

// Writes one settings value as YAML text that loads back to exactly that value: plain where
// that is safe, quoted where YAML would otherwise read something else (a number, true, a comment).

/** The values a profile key can hold. */
export type YamlValue = string | number | boolean | readonly string[];

/** Plain text that stays text: no indicator first, nothing YAML treats as syntax inside. */
const PLAIN_SAFE = /^[A-Za-z0-9_./+\-~][A-Za-z0-9_./@:+\-~ ]*$/;
/** In [a, b] the comma and brackets are syntax too. */
const FLOW_PLAIN_SAFE = /^[A-Za-z0-9_./+\-~][A-Za-z0-9_./@+\-~]*$/;
/** Characters YAML can hold in single quotes: printable, not a line break (YAML 1.2 §5.1). */
const PRINTABLE = /^[\x20-\x7E\xA0-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function readsBackAs(text: string, value: string | string[]): boolean {
  try {
    const loaded = load(`k: ${text}\n`) as { k?: unknown } | null;
    return isDeepStrictEqual(loaded?.k, value);
  } catch {
    return false;
  }
}

/** A text value in block context (after `key: `). */
export function yamlString(value: string): string {
  if (PLAIN_SAFE.test(value) && !value.endsWith(' ') && readsBackAs(value, value)) return value;
  if (PRINTABLE.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return doubleQuoted(value);
}

/** Double quotes with escapes, for text with line breaks or other characters YAML cannot show. */
export function doubleQuoted(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (PRINTABLE.test(char)) out += char;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** One item of a flow list `[a, b]`. */
function flowItem(value: string): string {
  if (FLOW_PLAIN_SAFE.test(value) && readsBackAs(`[${value}]`, [value])) return value;
  return PRINTABLE.test(value) ? `'${value.replaceAll("'", "''")}'` : doubleQuoted(value);
}

/** Any profile value as the text after `key: `. */
export function yamlValue(value: YamlValue): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`only whole numbers are written, got ${value}`);
    return String(value);
  }
  return `[${value.map(flowItem).join(', ')}]`;
}

/** A mapping key (a profile name or a setting): plain when it reads back as the same text. */
export function yamlKey(key: string): string {
  if (/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) && readKey(key) === key) return key;
  return PRINTABLE.test(key) ? `'${key.replaceAll("'", "''")}'` : doubleQuoted(key);
}

function readKey(text: string): string | null {
  try {
    const loaded = load(`${text}: x\n`) as Record<string, unknown> | null;
    const keys = loaded ? Object.keys(loaded) : [];
    return keys.length === 1 ? (keys[0] ?? null) : null;
  } catch {
    return null;
  }
}

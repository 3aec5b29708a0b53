import type { ExplainedTelegramView } from '../../../shared/gateway';
import { checkAesKey, stripKeySeparators } from '../../../shared/meter-rules';

/** DOM-free helpers for the telegram inspector: hex parsing, key checks, words and byte ranges. */

/** A meter driver's value: a number in its unit, or text (a status in words, unit ''). */
export type Measurement = { value: number | string; unit: string };
export interface ByteRange {
  offset: number;
  length: number;
}

/** Same rules as main's hex input (docs/ARCHITECTURE.md § Command line): spaces, `:` and `_` are ignored; null if not hex. */
export function parseHexBytes(text: string): number[] | null {
  const digits = text
    .trim()
    .replace(/^0x/i, '')
    .replace(/[\s:_]/g, '');
  if (digits.length === 0 || digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < digits.length; i += 2) bytes.push(parseInt(digits.slice(i, i + 2), 16));
  return bytes;
}

/** The optional AES key as typed: empty means none; otherwise the shared key rule decides. */
export function normaliseKey(text: string): { key: string | undefined } | { error: string } {
  if (stripKeySeparators(text) === '') return { key: undefined };
  const checked = checkAesKey(text);
  return checked.ok ? { key: checked.value } : { error: checked.problem };
}

const OUTCOME_WORDS: Record<string, string> = {
  PARSE: 'Could not read the input',
  HCI_CRC: 'Stick frame CRC failed',
  UNKNOWN_METER: 'Unknown meter',
  NO_KEY: 'No key',
  CRC: 'CRC check failed',
  UNSUPPORTED: 'Not supported',
};

/** The outcome of one frame in words, with the error code in brackets: "No key (NO_KEY)". */
export function outcomeWords(frame: Pick<ExplainedTelegramView, 'ok' | 'error'>): string {
  if (frame.ok) return 'Decoded';
  const code = frame.error?.code ?? 'ERROR';
  return `${OUTCOME_WORDS[code] ?? 'Failed'} (${code})`;
}

const FRAMING_WORDS: Record<string, string> = {
  hci: 'iM871A HCI frame',
  iu891a: 'iU891A SLIP frame',
  'seed-pipe': 'pipe form (original gateway)',
  wmbus: 'wM-Bus frame from L',
  'wmbus-dll-a': 'wM-Bus from L, format A with DLL CRCs',
  'wmbus-dll-b': 'wM-Bus from L, format B with DLL CRC',
};

export function framingWords(framing: string | null): string {
  if (framing === null) return 'not recognised';
  return FRAMING_WORDS[framing] ?? framing;
}

const DECIMALS: Record<string, number> = { kWh: 2, kW: 3, W: 0, Wh: 0 };
/** The decoder writes degrees Celsius as ASCII 'C'. */
const UNIT_WORDS: Record<string, string> = { C: '°C', F: '°F' };

/** "3.41 kWh", "0.003 kW": the precision the meter sends; a status in words as it is. */
export function formatMeasurement(m: Measurement): string {
  if (typeof m.value === 'string') return m.unit ? `${m.value} ${m.unit}` : m.value;
  const decimals = DECIMALS[m.unit];
  return `${decimals === undefined ? String(m.value) : m.value.toFixed(decimals)} ${UNIT_WORDS[m.unit] ?? m.unit}`;
}

/** True if byte `offset` lies in the range; an empty range highlights nothing. */
export function inRange(offset: number, range: ByteRange | null): boolean {
  return range !== null && offset >= range.offset && offset < range.offset + range.length;
}

/** The bytes each frame owns in the paste: from its offset to the next frame's, or the end. */
export function frameSpans(offsets: readonly number[], total: number): ByteRange[] {
  return offsets.map((offset, i) => {
    const later = offsets.slice(i + 1).find((next) => next > offset);
    const end = Math.min(later ?? total, total);
    return { offset, length: Math.max(0, end - offset) };
  });
}

/** Rows of a hex dump: 16 bytes each, starting on a multiple of 16 so offsets read easily. */
export function dumpRows(span: ByteRange, width = 16): ByteRange[] {
  const rows: ByteRange[] = [];
  if (span.length <= 0) return rows;
  const end = span.offset + span.length;
  for (let start = span.offset - (span.offset % width); start < end; start += width) {
    const from = Math.max(start, span.offset);
    rows.push({ offset: from, length: Math.min(start + width, end) - from });
  }
  return rows;
}

export const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');
/** Offsets in decimal, as the field meanings and frame headings count them. */
export const offsetLabel = (offset: number) => String(offset).padStart(4, ' ');

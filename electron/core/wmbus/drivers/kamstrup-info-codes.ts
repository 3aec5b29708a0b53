/**
 * Kamstrup water meters' info codes in words.
 *
 * Multical 21 / flowIQ 2101 send a 16-bit info register (record 02 FF 20). Kamstrup's "MULTICAL 21 &
 * flowIQ 2101 Technical Description" (5512-897, §11.3 "Hour counter" and §11.4 "Info register") says:
 * bits 0-3 are the info codes DRY, REVERSE, LEAK, BURST, each set while the condition is active now;
 * the other 12 bits are hour counters, one per code, counting the hours the code was active. The
 * meter's wM-Bus package thus carries the active codes and those active in the last month
 * (multical21.com, "Remote meter reading"). wmbusmeters' multical21 driver (src/driver_multical21.cc)
 * gives the counters' layout: 3 bits each, DRY bits 4-6, REVERSE 7-9, LEAK 10-12, BURST 13-15, the
 * values 1-7 meaning 1-8 hours, 9-24 hours, 2-3 days, 4-7 days, 8-14 days, 15-21 days, 22-31 days.
 *
 * flowIQ 2200 and later send a 32-bit status (record 04 FF 23) without hour counters; its bits per
 * wmbusmeters' kamwater driver (drivers/src/kamwater.xmq): 0 dry, 1 reverse, 2 leak, 3 burst,
 * 4 tamper, 5 low battery, 6 low ambient temperature, 7 flow above Q4, 9 no consumption.
 */

interface InfoCode {
  bit: number;
  word: string;
  /** wmbusmeters' name for the code, and for its duration field. */
  flag: string;
  timeField: string;
  /** First bit of its 3-bit hour counter. */
  counterAt: number;
}

const INFO_CODES: readonly InfoCode[] = [
  { bit: 0, word: 'dry', flag: 'DRY', timeField: 'time_dry', counterAt: 4 },
  { bit: 1, word: 'reverse flow', flag: 'REVERSE', timeField: 'time_reversed', counterAt: 7 },
  { bit: 2, word: 'leak', flag: 'LEAK', timeField: 'time_leaking', counterAt: 10 },
  { bit: 3, word: 'burst', flag: 'BURST', timeField: 'time_bursting', counterAt: 13 },
];

const DURATIONS = [
  '',
  '1-8 hours',
  '9-24 hours',
  '2-3 days',
  '4-7 days',
  '8-14 days',
  '15-21 days',
  '22-31 days',
];

/** The 32-bit status: the four info codes, then more flags (no hour counters). */
const STATUS_FLAGS: ReadonlyArray<Pick<InfoCode, 'bit' | 'word' | 'flag'>> = [
  ...INFO_CODES,
  { bit: 4, word: 'tamper', flag: 'TAMPER' },
  { bit: 5, word: 'low battery', flag: 'LOW_BATTERY' },
  { bit: 6, word: 'low ambient temperature', flag: 'LOW_ABIENT_TEMPERATURE' }, // sic: wmbusmeters' spelling
  { bit: 7, word: 'flow above Q4', flag: 'FLOW_ABOVE_Q4' },
  { bit: 9, word: 'no consumption', flag: 'NO_CONSUMPTION' },
];

const KNOWN_STATUS_BITS = STATUS_FLAGS.reduce((mask, { bit }) => mask | (1 << bit), 0);

const isSet = (raw: number, bit: number): boolean => Math.floor(raw / 2 ** bit) % 2 === 1;
const counterOf = (raw: number, code: InfoCode): number => (raw >>> code.counterAt) & 0x07;

/**
 * "leak now (active 9-24 hours)", "dry recently (active 1-8 hours)", several joined with "; ";
 * "OK" when no code is active now or was recently.
 */
export function infoCodesInWords(raw: number): string {
  const parts: string[] = [];
  for (const code of INFO_CODES) {
    const counter = counterOf(raw, code);
    const active = isSet(raw, code.bit);
    if (!active && counter === 0) continue;
    const duration = counter === 0 ? '' : ` (active ${DURATIONS[counter]})`;
    parts.push(`${code.word} ${active ? 'now' : 'recently'}${duration}`);
  }
  return parts.length === 0 ? 'OK' : parts.join('; ');
}

/** The 32-bit status of flowIQ 2200 and later: "leak now; low battery now", or "OK". */
export function statusFlagsInWords(raw: number): string {
  const parts = STATUS_FLAGS.filter(({ bit }) => isSet(raw, bit)).map(({ word }) => `${word} now`);
  const unknown = (raw & ~KNOWN_STATUS_BITS) >>> 0;
  if (unknown !== 0) parts.push(`unknown status bits 0x${unknown.toString(16)}`);
  return parts.length === 0 ? 'OK' : parts.join('; ');
}

/** The info register of a Multical 21, or the status of a flowIQ 2200, by its size in bytes. */
export function kamstrupStatusInWords(raw: number, dataLength: number): string {
  return dataLength <= 2 ? infoCodesInWords(raw) : statusFlagsInWords(raw);
}

/** wmbusmeters' `current_status`: the active codes' names ("DRY LEAK"), '' when none. */
export function wmbusmetersCurrentStatus(raw: number): string {
  return INFO_CODES.filter((code) => isSet(raw, code.bit))
    .map((code) => code.flag)
    .join(' ');
}

/** wmbusmeters' `status`: as `current_status` but 'OK' when none; for the 32-bit status all its flags. */
export function wmbusmetersStatus(raw: number, dataLength: number): string {
  if (dataLength <= 2) return wmbusmetersCurrentStatus(raw) || 'OK';
  const flags = STATUS_FLAGS.filter(({ bit }) => isSet(raw, bit)).map(({ flag }) => flag);
  return flags.join(' ') || 'OK';
}

/** wmbusmeters' `time_dry`, `time_reversed`, `time_leaking`, `time_bursting` of a 16-bit info register. */
export function wmbusmetersDurations(raw: number): Record<string, string> {
  const durations: Record<string, string> = {};
  for (const code of INFO_CODES) durations[code.timeField] = DURATIONS[counterOf(raw, code)]!;
  return durations;
}

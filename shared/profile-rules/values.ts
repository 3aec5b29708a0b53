// Type checks for single settings values. Each returns the value or a message that says what
// was expected and what was found, in words a technician editing YAML understands.

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(message: string): Checked<T> => ({ ok: false, message });

/**
 * Names what was found. `echo: false` (secrets) says only what kind of value it was, so a
 * password typed in the wrong place never ends up in a message, a log or the renderer.
 */
export function describeValue(value: unknown, echo = true): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping (key: value lines)';
  if (!echo) {
    if (typeof value === 'string') return 'text';
    if (typeof value === 'number') return 'a number';
    if (typeof value === 'boolean') return 'true/false';
    return 'a value of another type';
  }
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** Text. Numbers and true/false are refused with a hint to quote, since YAML changes them. */
export function checkText(key: string, value: unknown, opts: { secret?: boolean } = {}): Checked<string> {
  if (typeof value === 'string') return ok(value);
  const quoteHint =
    typeof value === 'number' || typeof value === 'boolean'
      ? `; put it in quotes, e.g. ${key}: "…", so YAML keeps it as text`
      : '';
  return fail(`${key} must be text, got ${describeValue(value, !opts.secret)}${quoteHint}`);
}

/** Text that is not blank, trimmed: for names, paths and topics, where blank means a mistake. */
export function checkNonBlank(key: string, value: unknown): Checked<string> {
  const text = checkText(key, value);
  if (!text.ok) return text;
  const trimmed = text.value.trim();
  if (trimmed === '') return fail(`${key} is blank; give a value or remove the line`);
  return ok(trimmed);
}

/** A whole number in [min, max]; a quoted number ("8883") is accepted as well. */
export function checkWholeNumber(
  key: string,
  value: unknown,
  min: number,
  max: number,
  unit = '',
): Checked<number> {
  const number = numberOf(value);
  if (Number.isInteger(number) && number >= min && number <= max) return ok(number);
  return fail(`${key} must be a whole number${unit} from ${min} to ${max}, got ${describeValue(value)}`);
}

/** YAML 1.2 booleans only: `yes`/`on` are text in YAML 1.2, so say so instead of guessing. */
export function checkBoolean(key: string, value: unknown): Checked<boolean> {
  if (typeof value === 'boolean') return ok(value);
  return fail(`${key} must be true or false, got ${describeValue(value)}`);
}

/** One of a few words, case-insensitive (`TCP` is clearly `tcp`). */
export function checkWord<T extends string>(key: string, value: unknown, choices: readonly T[]): Checked<T> {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : null;
  const match = choices.find((choice) => choice === word);
  if (match !== undefined) return ok(match);
  return fail(`${key} must be ${listChoices(choices)}, got ${describeValue(value)}`);
}

/** One of a few numbers, each with a label saying what it means. */
export function checkNumberChoice<T extends number>(
  key: string,
  value: unknown,
  choices: readonly { value: T; label?: string }[],
): Checked<T> {
  const number = numberOf(value);
  const match = choices.find((choice) => choice.value === number);
  if (match) return ok(match.value);
  const names = choices.map((choice) =>
    choice.label ? `${choice.value} (${choice.label})` : String(choice.value),
  );
  return fail(`${key} must be ${listChoices(names)}, got ${describeValue(value)}`);
}

/** A single ALPN protocol name or a list of them; normalised to a list. */
export function checkNameList(key: string, value: unknown): Checked<string[]> {
  const items = Array.isArray(value) ? value : [value];
  if (items.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return ok(items.map((item) => String(item).trim()));
  }
  const bad = Array.isArray(value)
    ? items.find((item) => typeof item !== 'string' || item.trim() === '')
    : value;
  const found = Array.isArray(value) ? `a list containing ${describeValue(bad)}` : describeValue(value);
  return fail(`${key} must be a protocol name or a list of them, e.g. [mqtt], got ${found}`);
}

/** A number, or a quoted one ("8883"); NaN for anything else. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
}

function listChoices(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join('');
  return `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

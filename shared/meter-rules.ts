// The rules for what a technician types or pastes about a meter: its id, its AES key and its
// manufacturer key. The UI, the CLI, the API v2 `sensors/set` parser and the IPC schemas all check
// with these functions, so a value one of them accepts is accepted by all of them, normalised the
// same way, and a mistake is put in the same words. Free of zod: the renderer bundles this file.

/** A meter id is the 8 decimal digits printed on the meter (its BCD address, EN 13757-4). */
export const METER_ID_DIGITS = 8;
/** AES-128: 16 bytes, written as 32 hex digits. */
export const AES_KEY_BYTES = 16;
export const AES_KEY_HEX_DIGITS = AES_KEY_BYTES * 2;

/** Either the normalised value or, in words, what is wrong with the text. */
export type RuleCheck = { ok: true; value: string } | { ok: false; problem: string };

/**
 * What may stand between the digits of a pasted key: whitespace (also non-breaking), `:`, `-` and
 * `_` (meter sheets, key files and other tools group the bytes with them).
 */
const KEY_SEPARATORS = /[\s:_-]/g;
const NOT_HEX = /[^0-9a-fA-F]/u;

/** The key's digits without the separators a paste may carry; nothing else is changed. */
export function stripKeySeparators(text: string): string {
  return text.replace(KEY_SEPARATORS, '');
}

/**
 * THE key rule: whitespace, `:`, `-` and `_` anywhere are ignored, any case is accepted; what is left
 * must be exactly 32 hex digits. The value is those digits in upper case. A problem never repeats
 * the key (only its length, or the one character that is not a hex digit), so it is safe to log.
 */
export function checkAesKey(text: string, subject = 'The AES key'): RuleCheck {
  const digits = stripKeySeparators(text);
  if (digits === '') return { ok: false, problem: `${subject} is empty: enter 32 hex digits (0–9, A–F).` };
  const stray = NOT_HEX.exec(digits);
  if (stray) {
    return {
      ok: false,
      problem: `${subject} may contain only 0–9 and A–F; ${showCharacter(stray[0])} is not a hex digit.`,
    };
  }
  if (digits.length !== AES_KEY_HEX_DIGITS) {
    return {
      ok: false,
      problem: `${subject} is ${AES_KEY_HEX_DIGITS} hex digits (${AES_KEY_BYTES} bytes); this one has ${digits.length}.`,
    };
  }
  return { ok: true, value: digits.toUpperCase() };
}

/** The normalised key (32 upper-case hex digits), or null if the text is not one. */
export function normaliseAesKey(text: string): string | null {
  const checked = checkAesKey(text);
  return checked.ok ? checked.value : null;
}

/** THE meter-id rule: whitespace is ignored ("3266 6857" as printed); what is left is 8 digits. */
export function checkMeterId(text: string, subject = 'The meter id'): RuleCheck {
  const id = text.replace(/\s/g, '');
  if (id === '') {
    return {
      ok: false,
      problem: `${subject} is empty: enter the ${METER_ID_DIGITS} digits printed on the meter.`,
    };
  }
  if (!/^\d+$/.test(id) || id.length !== METER_ID_DIGITS) {
    const has = /\D/.test(id)
      ? 'characters that are not digits'
      : `${id.length} digit${id.length === 1 ? '' : 's'}`;
    return {
      ok: false,
      problem: `${subject} is ${METER_ID_DIGITS} digits (e.g. 32666857); ${showText(id)} has ${has}.`,
    };
  }
  return { ok: true, value: id };
}

export const isMeterId = (text: string): boolean => checkMeterId(text).ok;

/** The API v2 manufacturer key: the three-letter FLAG code in lower case ("kam" for Kamstrup). */
export function checkManufacturerKey(text: string, subject = 'The manufacturer key'): RuleCheck {
  const key = text.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(key)) {
    const got = key === '' ? 'it is empty' : `got ${showText(key)}`;
    return { ok: false, problem: `${subject} is three letters, e.g. "kam" for Kamstrup; ${got}.` };
  }
  return { ok: true, value: key };
}

/** Quotes short text; long text (a pasted paragraph, maybe a key) is only measured. */
function showText(text: string): string {
  return text.length <= 24 ? JSON.stringify(text) : `this ${text.length}-character text`;
}

/** A stray character as the technician can find it: quoted, or as U+XXXX when it is invisible. */
function showCharacter(char: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)
    ? JSON.stringify(char)
    : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

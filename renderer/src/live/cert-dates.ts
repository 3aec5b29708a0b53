// Certificate validity as a technician reads it: a date to the minute in UTC, and how long is left.
import type { Tone } from './labels';

const DAY_MS = 86_400_000;
/** From here on an expiry is worth a warning: there is still time to renew before the broker breaks. */
export const EXPIRY_WARNING_DAYS = 30;

/** "2026-11-25 17:44 UTC"; the text as received when it is not a date. */
export function formatCertificateDate(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export interface CertificateValidity {
  words: string;
  tone: Tone;
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** "expires in 365 days" (ok), "expires in 12 days" (warn), "expired 3 days ago" (error). */
export function certificateValidity(
  validFrom: string,
  validTo: string,
  now: number,
): CertificateValidity | null {
  const from = Date.parse(validFrom);
  const to = Date.parse(validTo);
  if (Number.isNaN(to)) return null;
  if (!Number.isNaN(from) && now < from)
    return { words: `not valid yet: starts in ${days(Math.ceil((from - now) / DAY_MS))}`, tone: 'error' };
  if (now >= to) {
    const ago = Math.floor((now - to) / DAY_MS);
    return { words: ago === 0 ? 'expired today' : `expired ${days(ago)} ago`, tone: 'error' };
  }
  const left = Math.floor((to - now) / DAY_MS);
  const words = left === 0 ? 'expires today' : `expires in ${days(left)}`;
  return { words, tone: left < EXPIRY_WARNING_DAYS ? 'warn' : 'ok' };
}

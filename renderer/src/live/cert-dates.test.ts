import { describe, expect, it } from 'vitest';
import { certificateValidity, formatCertificateDate } from './cert-dates';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');

describe('formatCertificateDate', () => {
  it('shows the ISO date the core sends to the minute, in UTC', () => {
    expect(formatCertificateDate('2026-11-25T17:44:59.000Z')).toBe('2026-11-25 17:44 UTC');
  });

  it('reads the OpenSSL form too, and keeps text that is no date as it is', () => {
    expect(formatCertificateDate('Nov 25 10:00:00 2027 GMT')).toBe('2027-11-25 10:00 UTC');
    expect(formatCertificateDate('sometime')).toBe('sometime');
  });
});

describe('certificateValidity', () => {
  const from = '2026-01-01T00:00:00.000Z';

  it('counts the whole days left and stays calm beyond 30 days', () => {
    expect(certificateValidity(from, '2027-11-25T12:00:00.000Z', NOW)).toEqual({
      words: 'expires in 365 days',
      tone: 'ok',
    });
  });

  it('warns under 30 days, and on the last day', () => {
    expect(certificateValidity(from, '2026-12-07T13:00:00.000Z', NOW)).toEqual({
      words: 'expires in 12 days',
      tone: 'warn',
    });
    expect(certificateValidity(from, '2026-11-26T11:00:00.000Z', NOW)).toEqual({
      words: 'expires today',
      tone: 'warn',
    });
    expect(certificateValidity(from, '2026-11-26T13:00:00.000Z', NOW)?.words).toBe('expires in 1 day');
  });

  it('says an expired or not yet valid certificate in red', () => {
    expect(certificateValidity(from, '2026-11-22T11:00:00.000Z', NOW)).toEqual({
      words: 'expired 3 days ago',
      tone: 'error',
    });
    expect(certificateValidity('2026-12-01T12:00:00.000Z', '2027-12-01T00:00:00.000Z', NOW)).toEqual({
      words: 'not valid yet: starts in 6 days',
      tone: 'error',
    });
  });

  it('gives up quietly when the end date cannot be read', () => {
    expect(certificateValidity(from, 'unknown', NOW)).toBeNull();
  });
});

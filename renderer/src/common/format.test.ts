import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatClock,
  formatDateTime,
  formatDbm,
  formatLatency,
  formatNumber,
  secondsUntil,
} from './format';

describe('formatNumber', () => {
  it('groups thousands and keeps the decimals asked for', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(0, 3)).toBe('0.000');
    expect(formatNumber(812, 0)).toBe('812');
    expect(formatNumber(-1500.5, 1)).toBe('-1,500.5');
  });

  it('never shows a minus sign on a value that rounds to zero', () => {
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
  });
});

describe('signal, sizes and latency', () => {
  it('formats dBm with one decimal and a dash when unknown', () => {
    expect(formatDbm(-62)).toBe('-62.0 dBm');
    expect(formatDbm(-74.5)).toBe('-74.5 dBm');
    expect(formatDbm(null)).toBe('—');
  });

  it('formats bytes and latency for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatLatency(7.4)).toBe('7 ms');
    expect(formatLatency(1234)).toBe('1.2 s');
  });
});

describe('times', () => {
  it('shows the local time of day with seconds', () => {
    const local = new Date(2026, 10, 25, 9, 5, 7);
    expect(formatClock(local.toISOString())).toBe('09:05:07');
    expect(formatClock(null)).toBe('—');
    expect(formatClock('not a time')).toBe('not a time');
  });

  it('writes a date and time for paper: ISO order, 24 h, with the UTC offset', () => {
    const local = new Date(2026, 10, 25, 18, 18, 20);
    const minutes = -local.getTimezoneOffset();
    const two = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
    const zone = `UTC${minutes < 0 ? '-' : '+'}${two(minutes / 60)}:${two(Math.abs(minutes) % 60)}`;
    expect(formatDateTime(local.toISOString())).toBe(`2026-11-25 18:18:20 (${zone})`);
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('says how long ago, in the largest sensible unit', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const ago = (seconds: number) => formatAgo(new Date(now - seconds * 1000).toISOString(), now);
    expect(ago(1)).toBe('just now');
    expect(ago(12)).toBe('12 s ago');
    expect(ago(185)).toBe('3 min ago');
    expect(ago(2 * 3600 + 5)).toBe('2 h ago');
    expect(ago(3 * 86_400)).toBe('3 d ago');
    expect(formatAgo(null, now)).toBe('never');
  });

  it('counts seconds down to a retry, never below zero', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(secondsUntil('2026-11-25T12:00:04.200Z', now)).toBe(5);
    expect(secondsUntil('2026-11-25T11:59:00Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBeNull();
  });
});

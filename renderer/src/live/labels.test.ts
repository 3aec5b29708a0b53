import { describe, expect, it } from 'vitest';
import {
  gatewayResultLine,
  LINK_MODES_IN_ORDER,
  linkModeLabel,
  meterErrorInWords,
  outcomeLine,
  telegramOutcome,
} from './labels';

describe('labels', () => {
  it('puts the broker’s number before its meaning', () => {
    expect(outcomeLine({ code: 5, text: 'Connection refused: not authorised.', error: null })).toBe(
      '5 — Connection refused: not authorised.',
    );
    expect(
      outcomeLine({
        code: null,
        text: 'Nothing listens there.',
        error: { code: 'ECONNREFUSED', message: 'x' },
      }),
    ).toBe('ECONNREFUSED — Nothing listens there.');
  });

  it('keeps the original gateway’s publish results in words', () => {
    expect(gatewayResultLine(0)).toBe('0 — success');
    expect(gatewayResultLine(4)).toBe('4 — no connection');
    expect(gatewayResultLine(15)).toBe('15 — queue full');
    expect(gatewayResultLine(99)).toBe('99 — unknown result');
  });

  it('offers C1 format A first and names every link mode', () => {
    expect(LINK_MODES_IN_ORDER[0]).toBe('c1a');
    expect(LINK_MODES_IN_ORDER).toHaveLength(11);
    expect(linkModeLabel('c1b')).toBe('C1 format B');
    expect(linkModeLabel(null)).toBe('—');
  });

  it('tells a wrong key from a damaged frame', () => {
    const crc = (likelyCause?: 'wrong-key' | 'corrupted') => ({
      ok: false,
      error: { code: 'CRC' as const, message: 'm', ...(likelyCause ? { likelyCause } : {}) },
    });
    expect(telegramOutcome(crc('wrong-key')).label).toBe('wrong key');
    expect(telegramOutcome(crc('corrupted')).label).toBe('CRC');
    expect(telegramOutcome({ ok: false, error: { code: 'UNKNOWN_METER', message: 'm' } }).label).toBe(
      'unknown meter',
    );
    expect(telegramOutcome({ ok: false, error: { code: 'NO_KEY', message: 'm' } }).label).toBe('no key');
    expect(telegramOutcome({ ok: true, error: null })).toEqual({ label: 'ok', tone: 'ok' });
  });

  it('explains a meter’s last error before quoting the decoder', () => {
    expect(meterErrorInWords({ code: 'NO_KEY', message: 'meter 1 is encrypted' })).toBe(
      'The meter is encrypted and no key is known for it. (meter 1 is encrypted)',
    );
    expect(meterErrorInWords({ code: 'ODD', message: 'as is' })).toBe('as is');
  });
});

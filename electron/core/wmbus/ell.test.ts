import { describe, expect, it } from 'vitest';
import { ellSessionField, parseEll } from './ell';
import { DecodeError } from './errors';
import { framesFromC, fixture } from './fixtures/telegram-fixtures';

describe('parseEll', () => {
  it('splits the OmniPower SN into mode, minute counter and session', () => {
    const [frame] = framesFromC(fixture('seed-00'));
    expect(parseEll(frame!, 10, 0x8d)).toEqual({
      cc: 0x20,
      accessNumber: 0x8e,
      sessionField: 0x2003de11,
      encryption: 'aes-ctr',
      minuteCounter: 0x3de1,
      sessionNumber: 1,
      length: 6,
    });
  });

  it('reads ELL I (CI 0x8C) without SN', () => {
    expect(parseEll(Buffer.from('0000000000000000008c2107', 'hex'), 10, 0x8c)).toMatchObject({
      cc: 0x21,
      accessNumber: 7,
      sessionField: null,
      encryption: 'none',
    });
  });

  it('round-trips the SN field', () => {
    expect(ellSessionField('aes-ctr', 0x3de1, 1)).toBe(0x2003de11);
  });

  it('reports unknown encryption modes as UNSUPPORTED with the SN offset', () => {
    const frame = Buffer.from('442d2c5768663230028d208e11de0360', 'hex'); // mode 3
    expect(() => parseEll(frame, 10, 0x8d)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', offset: 12 }),
    );
  });

  it('reports a truncated ELL as PARSE', () => {
    const frame = Buffer.from('442d2c5768663230028d208e11', 'hex');
    const call = () => parseEll(frame, 10, 0x8d);
    expect(call).toThrow(DecodeError);
    expect(call).toThrow(expect.objectContaining({ code: 'PARSE', offset: 13 }));
  });
});

import { describe, expect, it } from 'vitest';
import { decodeCompactFrame } from './compact';
import { decodeTelegram } from './decode';
import { CompactDataCrcError, DecodeError, UnknownCompactFormatError } from './errors';
import { framesFromC, fixture, OMNIPOWER_KEY } from './fixtures/telegram-fixtures';
import { compactFormatOf, FormatRegistry, OMNIPOWER_DIF_VIF } from './format-registry';
import { parseRecords } from './records';

/** seed-00 decrypted, without the payload CRC: 79 | 138c | d346 | four uint32 values. */
const COMPACT = '79138cd346d7000000000000000300000000000000';
const keyFor = () => OMNIPOWER_KEY;

function compactAt(hex: string, formats: FormatRegistry) {
  const buf = Buffer.from(hex, 'hex');
  return decodeCompactFrame(buf, 0, buf.length, 18, formats);
}

describe('compact frames (TPL-CI 0x79)', () => {
  it('knows the OmniPower format: signature 0x8C13 of 04 04 04 84 3C 04 2B 04 AB 3C', () => {
    const format = compactFormatOf(OMNIPOWER_DIF_VIF);
    expect(format.signature).toBe(0x8c13);
    expect(format.dataLength).toBe(16);
    expect(format.layouts.map((l) => l.headerLength)).toEqual([2, 3, 2, 3]);
  });

  it('decodes values and verifies the data CRC over the re-assembled long records', () => {
    const frame = compactAt(COMPACT, new FormatRegistry());
    expect(frame.signature).toBe(0x8c13);
    expect(frame.dataCrc).toEqual({ expected: 0x46d3, actual: 0x46d3 });
    expect(frame.records.map((r) => [r.offset, r.value, r.unit, r.backward])).toEqual([
      [23, 2150, 'Wh', false],
      [27, 0, 'Wh', true],
      [31, 3, 'W', false],
      [35, 0, 'W', true],
    ]);
  });

  it('reports a data CRC mismatch as CRC at the data CRC offset', () => {
    const call = () => compactAt(COMPACT.replace('d346', '0000'), new FormatRegistry());
    expect(call).toThrow(CompactDataCrcError);
    expect(call).toThrow(expect.objectContaining({ code: 'CRC', offset: 21 }));
  });

  it('reports an unknown signature as UNSUPPORTED, saying the next long frame will teach it', () => {
    const call = () => compactAt(COMPACT, new FormatRegistry({ builtIn: false }));
    expect(call).toThrow(UnknownCompactFormatError);
    expect(call).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', offset: 19 }));
    expect(call).toThrow(/not learned yet.*next long frame/);
  });

  it('reports missing value bytes as PARSE and refuses unexplained extra bytes', () => {
    expect(() => compactAt(COMPACT.slice(0, -8), new FormatRegistry())).toThrow(
      expect.objectContaining({ code: 'PARSE' }),
    );
    expect(() => compactAt(`${COMPACT}00`, new FormatRegistry())).toThrow(
      expect.objectContaining({ code: 'PARSE' }),
    );
    expect(compactAt(`${COMPACT}2f2f`, new FormatRegistry()).records).toHaveLength(4);
  });
});

describe('FormatRegistry learning', () => {
  const [long] = framesFromC(fixture('seed-01'));
  const [compact] = framesFromC(fixture('seed-00'));

  it('learns the format from a long frame, then decodes compact frames with it', () => {
    const formats = new FormatRegistry({ builtIn: false });
    expect(() => decodeTelegram(compact!, { keyFor, formats })).toThrow(UnknownCompactFormatError);
    decodeTelegram(long!, { keyFor, formats });
    expect(formats.get(0x8c13)?.learned).toBe(true);
    expect(decodeTelegram(compact!, { keyFor, formats }).values['A+']).toEqual({ value: 2.15, unit: 'kWh' });
  });

  it('does not learn when learning is off, and stays bounded when on', () => {
    const off = new FormatRegistry({ builtIn: false, learning: false });
    decodeTelegram(long!, { keyFor, formats: off });
    expect(off.size).toBe(0);
    const bounded = new FormatRegistry({ builtIn: false, maxLearned: 2 });
    for (const hex of ['010401', '02040100', '040401000000']) {
      const buf = Buffer.from(hex, 'hex');
      bounded.learnFromRecords(buf, parseRecords(buf, 0, buf.length, 0), 0);
    }
    expect(bounded.size).toBe(2);
  });

  it('throws only DecodeError for a DIF/VIF string that cannot be a compact format', () => {
    expect(() => compactFormatOf(Buffer.from('0dfd0c', 'hex'))).toThrow(DecodeError);
  });
});

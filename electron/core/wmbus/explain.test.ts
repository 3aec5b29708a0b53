import { describe, expect, it } from 'vitest';
import { explainTelegram, withBaseOffset, type ExplainedField } from './explain';
import { framesFromC, fixture, OMNIPOWER_KEY } from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';

const keyFor = () => OMNIPOWER_KEY;
const byName = (fields: ExplainedField[], name: string) => fields.find((f) => f.name === name);
const frameOf = (name: string) => framesFromC(fixture(name))[0]!;

describe('explainTelegram', () => {
  it('lays out a compact OmniPower telegram field by field, with checks', () => {
    const fields = explainTelegram(frameOf('seed-00'), { keyFor });
    expect(fields.map((f) => [f.offset, f.length, f.name])).toEqual([
      [0, 1, 'C field'],
      [1, 2, 'manufacturer (M)'],
      [3, 4, 'address (A)'],
      [7, 1, 'version'],
      [8, 1, 'device type'],
      [9, 1, 'CI'],
      [10, 1, 'ELL CC'],
      [11, 1, 'ELL ACC'],
      [12, 4, 'ELL SN'],
      [16, 23, 'encrypted payload'],
      [16, 2, 'payload CRC'],
      [18, 1, 'TPL-CI'],
      [19, 2, 'format signature'],
      [21, 2, 'data CRC'],
      [23, 4, 'energy'],
      [27, 4, 'energy, backward flow'],
      [31, 4, 'power'],
      [35, 4, 'power, backward flow'],
    ]);
    expect(byName(fields, 'address (A)')).toMatchObject({
      hex: '57 68 66 32',
      meaning: expect.stringContaining('32666857'),
    });
    expect(byName(fields, 'ELL SN')?.meaning).toMatch(/AES-128-CTR.*minute counter 15841, session 1/);
    expect(byName(fields, 'payload CRC')).toMatchObject({ hex: '4d 80', check: { ok: true } });
    expect(byName(fields, 'format signature')).toMatchObject({ hex: '13 8c', check: { ok: true } });
    expect(byName(fields, 'data CRC')?.check).toEqual({
      ok: true,
      detail: 'carried 0x46d3, computed 0x46d3',
    });
    expect(byName(fields, 'energy')).toMatchObject({
      hex: 'd7 00 00 00',
      meaning: expect.stringMatching(/^2150 Wh/),
    });
  });

  it('shows DIF/VIF and data of each record of a long telegram', () => {
    const fields = explainTelegram(frameOf('seed-01'), { keyFor });
    const records = fields.slice(fields.findIndex((f) => f.name === 'TPL-CI') + 1);
    expect(records.map((f) => [f.offset, f.hex, f.name])).toEqual([
      [19, '04 04', 'DIF/VIF'],
      [21, 'd7 00 00 00', 'energy'],
      [25, '04 84 3c', 'DIF/VIF'],
      [28, '00 00 00 00', 'energy, backward flow'],
      [32, '04 2b', 'DIF/VIF'],
      [34, '03 00 00 00', 'power'],
      [38, '04 ab 3c', 'DIF/VIF'],
      [41, '00 00 00 00', 'power, backward flow'],
    ]);
    expect(records[2]!.meaning).toMatch(
      /DIF 0x04 \(32-bit integer, instantaneous\), VIF 0x84 0x3c: energy, backward flow/,
    );
  });

  it('explains as far as it gets: no key', () => {
    const fields = explainTelegram(frameOf('seed-04'), { keyFor: () => undefined });
    const last = fields.at(-1)!;
    expect(fields.at(-2)!.name).toBe('encrypted payload');
    expect(last).toMatchObject({ name: 'error', offset: 16, check: { ok: false, detail: 'NO_KEY' } });
  });

  it('marks a failed payload CRC and says why', () => {
    const fields = explainTelegram(frameOf('seed-07'), { keyFor });
    expect(byName(fields, 'payload CRC')?.check).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/corrupted/),
    });
    expect(fields.at(-1)).toMatchObject({ name: 'error', check: { ok: false, detail: 'CRC' } });
  });

  it('marks an unknown compact format', () => {
    const fields = explainTelegram(frameOf('seed-00'), {
      keyFor,
      formats: new FormatRegistry({ builtIn: false }),
    });
    expect(byName(fields, 'format signature')?.check?.ok).toBe(false);
    expect(fields.at(-1)?.check?.detail).toBe('UNSUPPORTED');
  });

  it('keeps the records before a truncated one', () => {
    const header = Buffer.from('442d2c576866323002', 'hex');
    const frame = Buffer.concat([header, Buffer.from('780404d700000004843c0000', 'hex')]);
    const fields = explainTelegram(frame, { keyFor });
    expect(fields.map((f) => f.name).slice(-4)).toEqual(['DIF/VIF', 'energy', 'DIF/VIF', 'error']);
    expect(fields.at(-1)).toMatchObject({ offset: 21, check: { detail: 'PARSE' } });
  });

  it('explains the bytes of a too-short header, then the error', () => {
    const fields = explainTelegram(Buffer.from('442d2c57', 'hex'), { keyFor });
    expect(fields.map((f) => f.name)).toEqual(['C field', 'manufacturer (M)', 'error']);
    expect(fields.at(-1)?.offset).toBe(4);
  });

  it('shifts offsets for callers that count from L or the HCI frame', () => {
    const fields = withBaseOffset(explainTelegram(frameOf('seed-00'), { keyFor }), 4);
    expect(fields[0]!.offset).toBe(4);
  });
});

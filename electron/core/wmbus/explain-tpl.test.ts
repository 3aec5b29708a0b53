import { describe, expect, it } from 'vitest';
import { explainTelegram, type ExplainedField } from './explain';
import { encodeOmsTelegram, encodeRecords } from './test-support/oms-encoder';

/** The inspector's view of TPL headers and security mode 5. */

const KEY = Buffer.from('0102030405060708090a0b0c0d0e0f11', 'hex');
const meter = { manufacturer: 'ELS', id: '12345678', version: 0x33, type: 0x03 };
const converter = { manufacturer: 'QDS', id: '11223344', version: 0x55, type: 0x37 };
const records = encodeRecords([
  { dataField: 0x0c, vif: 0x14, value: 2850427 },
  { dataField: 0x02, vif: 0xfd, vifes: [0x17], value: 0 },
]);
const byName = (fields: ExplainedField[], name: string) => fields.find((f) => f.name === name);
const layout = (fields: ExplainedField[]) => fields.map((f) => [f.offset, f.length, f.name]);

describe('explainTelegram: TPL header and security mode 5', () => {
  const frame = encodeOmsTelegram({
    meter,
    tpl: { header: 'short', accessNumber: 0x2a, status: 0x04, flags: 0x2000 },
    records,
    mode5: { key: KEY },
  });

  it('shows ACC, status and the configuration field, the encrypted blocks and the verified 2F 2F', () => {
    const fields = explainTelegram(frame, { keyFor: () => KEY });
    expect(layout(fields).slice(6)).toEqual([
      [10, 1, 'TPL ACC'],
      [11, 1, 'TPL status'],
      [12, 2, 'TPL configuration'],
      [14, 16, 'encrypted data'],
      [14, 2, 'decryption check'],
      [16, 2, 'DIF/VIF'],
      [18, 4, 'volume'],
      [22, 3, 'DIF/VIF'],
      [25, 2, 'error flags'],
      [27, 3, 'idle filler'],
    ]);
    expect(byName(fields, 'TPL ACC')?.meaning).toBe('access number 42');
    expect(byName(fields, 'TPL status')?.meaning).toBe('no error, power low');
    expect(byName(fields, 'TPL configuration')).toMatchObject({
      hex: '10 25',
      meaning: 'security mode 5 (AES-128-CBC, IV non-zero), 1 encrypted block (16 bytes), synchronous',
    });
    expect(byName(fields, 'encrypted data')?.meaning).toMatch(/AES-128-CBC.*IV from the link header/);
    expect(byName(fields, 'decryption check')).toMatchObject({ hex: '2f 2f', check: { ok: true } });
    expect(byName(fields, 'volume')).toMatchObject({
      hex: '27 04 85 02',
      meaning: expect.stringMatching(/^28504.27 m3/),
    });
  });

  it('marks the check failed and closes with a CRC error when the key is wrong', () => {
    const fields = explainTelegram(frame, { keyFor: () => Buffer.alloc(16) });
    const check = byName(fields, 'decryption check');
    expect(check?.check?.ok).toBe(false);
    expect(check?.check?.detail).toMatch(/AES key for meter 12345678 is most likely wrong/);
    expect(check?.hex).not.toBe('2f 2f');
    expect(fields.at(-1)).toMatchObject({ name: 'error', offset: 14, check: { ok: false, detail: 'CRC' } });
    expect(fields.some((f) => f.name === 'volume')).toBe(false);
  });

  it('stops after the encrypted blocks with NO_KEY when no key is configured', () => {
    const fields = explainTelegram(frame, { keyFor: () => undefined });
    expect(fields.slice(-2).map((f) => f.name)).toEqual(['encrypted data', 'error']);
    expect(fields.at(-1)?.check?.detail).toBe('NO_KEY');
  });

  it("explains a long header's meter, behind ELL I, and the plaintext after the encrypted block", () => {
    const long = encodeOmsTelegram({
      meter: converter,
      ell: { ci: 0x8c, accessNumber: 0x75 },
      tpl: { header: 'long', accessNumber: 0, meter },
      records,
      mode5: { key: KEY, plaintextTail: encodeRecords([{ dataField: 0x01, vif: 0x5b, value: 20 }]) },
    });
    const fields = explainTelegram(long, { keyFor: () => KEY });
    expect(byName(fields, 'TPL address')).toMatchObject({
      offset: 13,
      meaning: expect.stringContaining('12345678'),
    });
    expect(byName(fields, 'TPL manufacturer')?.meaning).toBe('ELS (little-endian)');
    expect(byName(fields, 'TPL device type')?.meaning).toBe('gas (0x03)');
    expect(byName(fields, 'encrypted data')?.meaning).toMatch(/IV from the TPL header/);
    expect(byName(fields, 'decryption check')?.check?.ok).toBe(true);
    expect(fields.at(-1)).toMatchObject({
      name: 'flow temperature',
      meaning: expect.stringMatching(/^20 °C/),
    });
  });

  it('explains a plain short header and names an unsupported security mode', () => {
    const plain = encodeOmsTelegram({ meter, tpl: { header: 'short', accessNumber: 1 }, records });
    const fields = explainTelegram(plain, { keyFor: () => undefined });
    expect(byName(fields, 'TPL configuration')?.meaning).toBe('security mode 0 (no encryption)');
    expect(fields.filter((f) => f.name === 'DIF/VIF')).toHaveLength(2);
    const mode7 = Buffer.from(plain);
    mode7[13] = 0x07;
    const failed = explainTelegram(mode7, { keyFor: () => undefined });
    expect(byName(failed, 'TPL configuration')?.meaning).toMatch(/security mode 7/);
    expect(failed.at(-1)).toMatchObject({ name: 'error', offset: 13, check: { detail: 'UNSUPPORTED' } });
  });
});

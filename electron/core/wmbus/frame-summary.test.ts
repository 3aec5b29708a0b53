import { describe, expect, it } from 'vitest';
import { encodeMultical21Telegram } from './encode-multical21';
import { FrameFormatError } from './errors';
import { fixture, framesFromC } from './fixtures/telegram-fixtures';
import { summarizeFrame } from './frame-summary';
import { caught } from './test-support/caught';
import { encodeOmsTelegram, encodeRecords, type OmsTelegramSpec } from './test-support/oms-encoder';

// What the survey reads of every telegram without a key: who sent it, how it is protected, and
// long or compact when the TPL-CI is in clear.

const KEY = Buffer.alloc(16, 0x42);
const GAS = { manufacturer: 'ELS', id: '12345678', version: 0x33, type: 0x03 };
const RECORDS = encodeRecords([{ dataField: 0x0c, vif: 0x13, value: 12345678 }]);
const oms = (spec: Partial<OmsTelegramSpec>) =>
  encodeOmsTelegram({ meter: GAS, tpl: { header: 'none' }, records: RECORDS, ...spec });

describe('summarizeFrame', () => {
  it('reads the published OmniPower telegram: KAM electricity, AES-CTR, kind hidden by the ELL', () => {
    const [frame] = framesFromC(fixture('seed-00'));
    expect(summarizeFrame(frame!)).toEqual({
      meter: { id: '32666857', manufacturer: 'KAM', version: 0x30, type: 0x02, medium: 'electricity' },
      encryption: 'aes-ctr',
      frameKind: null,
    });
  });

  it('names a Multical 21 cold-water meter by its header, whatever its payload', () => {
    const frame = encodeMultical21Telegram({
      id: '67203915',
      key: KEY,
      accessNumber: 1,
      kind: 'compact',
      reading: {
        infoCodes: 0,
        totalLitres: 1,
        targetLitres: 1,
        flowTemperatureC: 10,
        externalTemperatureC: 20,
      },
    });
    const summary = summarizeFrame(frame);
    expect(summary.meter).toMatchObject({ id: '67203915', manufacturer: 'KAM', medium: 'cold water' });
    expect(summary.encryption).toBe('aes-ctr');
  });

  it('tells long from compact when the TPL-CI is in clear (ELL without encryption, or none)', () => {
    expect(summarizeFrame(oms({ tpl: { header: 'none' } }))).toMatchObject({
      encryption: 'none',
      frameKind: 'long',
    });
    const plainEll = oms({ ell: { ci: 0x8d, accessNumber: 7 }, tpl: { header: 'none' } });
    expect(summarizeFrame(plainEll)).toMatchObject({ encryption: 'none', frameKind: 'long' });
    // A compact frame: CI 0x79 right after the link header.
    const compact = Buffer.concat([oms({}).subarray(0, 9), Buffer.from([0x79, 0x13, 0x8c, 0, 0, 1, 2])]);
    expect(summarizeFrame(compact)).toMatchObject({ encryption: 'none', frameKind: 'compact' });
  });

  it('reads security mode 5 from a short or a long TPL header, and mode 0 as none', () => {
    const mode5 = oms({ tpl: { header: 'short', accessNumber: 3 }, mode5: { key: KEY } });
    expect(summarizeFrame(mode5)).toEqual(
      expect.objectContaining({ encryption: 'aes-cbc', frameKind: 'long' }),
    );
    const long5 = oms({ tpl: { header: 'long', accessNumber: 3 }, mode5: { key: KEY } });
    expect(summarizeFrame(long5).encryption).toBe('aes-cbc');
    expect(summarizeFrame(oms({ tpl: { header: 'short' } })).encryption).toBe('none');
  });

  it('calls another security mode "other", and a header cut short unknown, without throwing', () => {
    const mode7 = oms({ tpl: { header: 'short', flags: 7 << 8 } });
    expect(summarizeFrame(mode7).encryption).toBe('other');
    const omni = framesFromC(fixture('seed-01'))[0]!;
    // SN bits 31-29 = 2: an ELL encryption mode the standard reserves.
    const ellMode2 = Buffer.from(omni);
    ellMode2[15] = (ellMode2[15]! & 0x1f) | (2 << 5);
    expect(summarizeFrame(ellMode2).encryption).toBe('other');
    expect(summarizeFrame(omni.subarray(0, 12))).toMatchObject({ encryption: null, frameKind: null });
    expect(summarizeFrame(oms({ tpl: { header: 'short' } }).subarray(0, 12))).toMatchObject({
      encryption: null,
      frameKind: 'long',
    });
  });

  it('throws a FrameFormatError naming the offset when there is no link header to read', () => {
    const error = caught(() => summarizeFrame(Buffer.from('44 2d 2c 57'.replace(/ /g, ''), 'hex')));
    expect(error).toBeInstanceOf(FrameFormatError);
    expect((error as FrameFormatError).offset).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { checkMeterDraft } from './meter-input';

const KEY = '9A25139E3244CC2E391A8EF6B915B697';
const draft = (change: Partial<{ deviceId: string; key: string; manufacturerKey: string }>) => ({
  deviceId: '32666857',
  key: KEY,
  manufacturerKey: 'kam',
  ...change,
});

describe('checkMeterDraft', () => {
  it('accepts an 8-digit id and a 32-hex key, upper-cased', () => {
    expect(checkMeterDraft(draft({ key: KEY.toLowerCase() }))).toEqual({
      ok: true,
      value: { deviceId: '32666857', key: KEY, manufacturerKey: 'kam' },
    });
  });

  it('accepts keys pasted with spaces, colons, dashes or underscores between the bytes', () => {
    expect(checkMeterDraft(draft({ key: KEY.match(/.{2}/g)!.join(':') }))).toMatchObject({
      value: { key: KEY },
    });
    expect(checkMeterDraft(draft({ key: KEY.match(/.{4}/g)!.join('-') }))).toMatchObject({
      value: { key: KEY },
    });
    expect(checkMeterDraft(draft({ key: KEY.match(/.{8}/g)!.join('_') }))).toMatchObject({
      value: { key: KEY },
    });
    const spaced = KEY.match(/.{4}/g)!.join(' ');
    expect(checkMeterDraft(draft({ key: spaced, deviceId: ' 3266 6857 ' }))).toMatchObject({
      ok: true,
      value: { deviceId: '32666857', key: KEY },
    });
  });

  it('says how long a short or long key is', () => {
    expect(checkMeterDraft(draft({ key: KEY.slice(0, 30) }))).toEqual({
      ok: false,
      errors: { key: 'The AES key is 32 hex digits (16 bytes); this one has 30.' },
    });
    expect(checkMeterDraft(draft({ key: `${KEY}00` }))).toMatchObject({
      errors: { key: expect.stringContaining('has 34') },
    });
  });

  it('names the first character that is not hex', () => {
    expect(checkMeterDraft(draft({ key: `${KEY.slice(0, 31)}G` }))).toMatchObject({
      errors: { key: 'The AES key may contain only 0–9 and A–F; "G" is not a hex digit.' },
    });
  });

  it('explains a wrong meter id', () => {
    expect(checkMeterDraft(draft({ deviceId: '3266685' }))).toMatchObject({
      errors: { deviceId: 'The meter id is 8 digits (e.g. 32666857); "3266685" has 7 digits.' },
    });
    expect(checkMeterDraft(draft({ deviceId: 'KAM12345' }))).toMatchObject({
      errors: { deviceId: expect.stringContaining('characters that are not digits') },
    });
  });

  it('reports every empty field at once', () => {
    const result = checkMeterDraft({ deviceId: '', key: '', manufacturerKey: '' });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual([
      'deviceId',
      'key',
      'manufacturerKey',
    ]);
  });

  it('takes the manufacturer key in any case', () => {
    expect(checkMeterDraft(draft({ manufacturerKey: ' KAM ' }))).toMatchObject({
      value: { manufacturerKey: 'kam' },
    });
    expect(checkMeterDraft(draft({ manufacturerKey: 'kamstrup' }))).toMatchObject({ ok: false });
  });
});

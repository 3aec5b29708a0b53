import { describe, expect, it } from 'vitest';
import { parseSensorsSet } from './commands';

const KEY = '9A25139E3244CC2E391A8EF6B915B697';
const good = {
  deviceId: '32666857',
  manufacturerKey: 'kam',
  encryptionKey: KEY,
  manufacturerDeviceKey: 'OmniPower1',
};

describe('parseSensorsSet', () => {
  it('reads the documented camelCase command', () => {
    const result = parseSensorsSet(JSON.stringify([good]));
    expect(result).toEqual({
      ok: true,
      meters: [
        {
          deviceId: '32666857',
          manufacturerKey: 'kam',
          encryptionKey: Buffer.from(KEY, 'hex'),
          manufacturerDeviceKey: 'OmniPower1',
        },
      ],
      rejected: [],
    });
  });

  it('reads the PascalCase keys the original code used', () => {
    const result = parseSensorsSet(
      Buffer.from(JSON.stringify([{ DeviceId: '32666857', ManufacturerKey: 'KAM', EncryptionKey: KEY }])),
    );
    expect(result.ok && result.meters[0]).toMatchObject({
      deviceId: '32666857',
      manufacturerKey: 'kam',
      manufacturerDeviceKey: null,
    });
  });

  it('reads a key and id the way the UI and the CLI do: separators and any case', () => {
    const spaced = KEY.toLowerCase().match(/.{2}/g)!.join(':');
    const result = parseSensorsSet(
      JSON.stringify([{ ...good, deviceId: '3266 6857', encryptionKey: spaced }]),
    );
    expect(result.ok && result.meters[0]).toMatchObject({
      deviceId: '32666857',
      encryptionKey: Buffer.from(KEY, 'hex'),
    });
  });

  it('accepts an empty list: monitor nothing', () => {
    expect(parseSensorsSet('[]')).toEqual({ ok: true, meters: [], rejected: [] });
  });

  it.each([
    ['not JSON', '{deviceId:', /not JSON/],
    ['an object instead of an array', JSON.stringify(good), /must be a JSON array of meters, got an object/],
    ['a number', '42', /JSON array.*number 42/],
    ['empty payload', '', /not JSON/],
  ])('refuses a malformed payload: %s', (_name, payload, message) => {
    const result = parseSensorsSet(payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('never repeats a key from a payload that is not JSON (commands end up in logs and on screen)', () => {
    const payload = `[{"deviceId":"32666857","manufacturerKey":"kam","encryptionKey":"${KEY}"},]`;
    const result = parseSensorsSet(payload);
    expect(result.ok).toBe(false);
    const error = !result.ok ? result.error : '';
    expect(error).toMatch(/^the command is not JSON/);
    for (let i = 0; i + 6 <= KEY.length; i++) expect(error.toUpperCase()).not.toContain(KEY.slice(i, i + 6));
  });

  it.each([
    [
      'a key that is too short',
      { ...good, encryptionKey: KEY.slice(0, 30) },
      /^encryptionKey is 32 hex digits \(16 bytes\); this one has 30\.$/,
    ],
    [
      'a key with non-hex characters',
      { ...good, encryptionKey: `${KEY.slice(0, 31)}Z` },
      /^encryptionKey may contain only 0–9 and A–F; "Z" is not a hex digit\.$/,
    ],
    ['a missing id', { manufacturerKey: 'kam', encryptionKey: KEY }, /deviceId is missing/],
    [
      'an id of the wrong length',
      { ...good, deviceId: '3266685' },
      /^deviceId is 8 digits \(e\.g\. 32666857\); "3266685" has 7 digits\.$/,
    ],
    ['a missing key', { deviceId: '32666857', manufacturerKey: 'kam' }, /encryptionKey is missing/],
    [
      'a bad manufacturer key',
      { ...good, manufacturerKey: 'kamstrup' },
      /^manufacturerKey is three letters, e\.g\. "kam" for Kamstrup; got "kamstrup"\.$/,
    ],
    ['an entry that is not an object', 'kam-32666857', /must be a JSON object/],
  ])('rejects %s and keeps the good entries', (_name, bad, reason) => {
    const other = { ...good, deviceId: '11112222' };
    const result = parseSensorsSet(JSON.stringify([bad, other]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meters.map((m) => m.deviceId)).toEqual(['11112222']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.index).toBe(0);
    expect(result.rejected[0]!.reason).toMatch(reason);
    expect(JSON.stringify(result.rejected)).not.toContain(KEY.slice(0, 30));
  });

  it('rejects a duplicate id and keeps the first', () => {
    const result = parseSensorsSet(
      JSON.stringify([good, { ...good, encryptionKey: KEY.replace('9A', '00') }]),
    );
    expect(result.ok && result.meters).toHaveLength(1);
    expect(result.ok && result.meters[0]!.encryptionKey.toString('hex').toUpperCase()).toBe(KEY);
    expect(result.ok && result.rejected[0]).toMatchObject({
      index: 1,
      deviceId: '32666857',
      reason: /listed twice/,
    });
  });
});

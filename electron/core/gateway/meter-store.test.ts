import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeterStore, type SecretBox } from './meter-store';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const spec = {
  deviceId: '32666857',
  manufacturerKey: 'kam',
  encryptionKey: KEY,
  manufacturerDeviceKey: 'OmniPower1',
};
const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gd-meters-')), 'meters.json');

/** Stands in for the OS keychain (Electron's safeStorage) with real AES-GCM. */
function keychainBox(secret = crypto.randomBytes(32)): SecretBox {
  return {
    protection: 'os-keychain',
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

describe('MeterStore', () => {
  it('tells its subscribers the whole set after each change, already saved', () => {
    const file = tmpFile();
    const store = new MeterStore({ file });
    const seen: string[][] = [];
    const off = store.onChange((meters) => {
      seen.push(meters.map((m) => m.deviceId));
      // Saved before anyone hears of it: a subscriber may read the file.
      expect(new MeterStore({ file }).list().map((m) => m.deviceId)).toEqual(seen.at(-1));
    });
    store.put(spec);
    store.replaceAll([
      { ...spec, deviceId: '11112222' },
      { ...spec, deviceId: '33334444' },
    ]);
    expect(store.remove('99999999')).toBe(false); // no change, no news
    store.remove('11112222');
    off();
    store.put(spec);
    expect(seen).toEqual([['32666857'], ['11112222', '33334444'], ['33334444']]);
  });

  it('persists the monitored set across restarts, owner-only', () => {
    const file = tmpFile();
    new MeterStore({ file }).put(spec);
    const reopened = new MeterStore({ file });
    expect(reopened.keyFor('32666857')).toEqual(KEY);
    expect(reopened.list()[0]).toMatchObject({ source: 'manual', manufacturerDeviceKey: 'OmniPower1' });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('shows the renderer only the last four hex digits of a key', () => {
    const store = new MeterStore({ file: null });
    store.put(spec);
    const views = store.views();
    expect(views[0]!.keyHint).toBe('B697');
    expect(JSON.stringify(views).toUpperCase()).not.toContain(KEY.toString('hex').toUpperCase().slice(0, 28));
  });

  it('seals keys at rest when the OS keychain is available', () => {
    const file = tmpFile();
    const box = keychainBox();
    new MeterStore({ file, box }).put(spec);
    expect(fs.readFileSync(file, 'utf8').toUpperCase()).not.toContain(KEY.toString('hex').toUpperCase());
    expect(new MeterStore({ file, box }).keyFor('32666857')).toEqual(KEY);
    const elsewhere = new MeterStore({ file, box: keychainBox() });
    expect(elsewhere.keyFor('32666857')).toBeUndefined();
    expect(elsewhere.loadProblems[0]).toMatch(/key of meter 32666857 cannot be unsealed/);
  });

  it('a cloud command replaces the whole set', () => {
    const store = new MeterStore({ file: null });
    store.put(spec);
    store.replaceAll([{ ...spec, deviceId: '11112222' }]);
    expect(store.list().map((m) => [m.deviceId, m.source])).toEqual([['11112222', 'cloud']]);
  });

  it('reports an unreadable file and starts empty instead of throwing', () => {
    const file = tmpFile();
    fs.writeFileSync(file, '{ not json');
    const store = new MeterStore({ file });
    expect(store.list()).toEqual([]);
    expect(store.loadProblems[0]).toMatch(/cannot be read/);
  });
});

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
    expect(store.fileUnreadable).toBe(true);
    expect(new MeterStore({ file: tmpFile() }).fileUnreadable).toBe(false);
  });

  it('imports many meters with one save and one announcement, replacing keys of the same ids', () => {
    const file = tmpFile();
    const store = new MeterStore({ file });
    store.put(spec);
    const told: number[] = [];
    store.onChange((meters) => told.push(meters.length));
    const other = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
    store.putMany(
      [
        { ...spec, encryptionKey: other },
        { ...spec, deviceId: '11112222', manufacturerDeviceKey: 'MC21' },
      ],
      'kem',
    );
    expect(told).toEqual([2]);
    const reopened = new MeterStore({ file });
    expect(reopened.keyFor('32666857')).toEqual(other);
    expect(reopened.list().map((m) => [m.deviceId, m.source])).toEqual([
      ['32666857', 'kem'],
      ['11112222', 'kem'],
    ]);
    store.putMany([], 'kem'); // nothing to import: no news
    expect(told).toEqual([2]);
  });

  it('keeps keychain-sealed meters it cannot open in the file, and says so, when run without a keychain', () => {
    const file = tmpFile();
    const box = keychainBox();
    new MeterStore({ file, box }).put(spec);
    // The command line has no keychain: it cannot use that key, but must not lose it either.
    const cli = new MeterStore({ file });
    expect(cli.list()).toEqual([]);
    expect(cli.lockedIds()).toEqual(['32666857']);
    expect(cli.loadProblems[0]).toMatch(
      /the keys of meter 32666857 were sealed with the OS keychain, which this process cannot open .* they stay in the file for the app/,
    );
    cli.put({ ...spec, deviceId: '11112222' }, 'kem');
    // Back in the app, both are there: the keychain one as it was, the one the CLI added in clear.
    const app = new MeterStore({ file, box });
    expect(app.keyFor('32666857')).toEqual(KEY);
    expect(app.keyFor('11112222')).toEqual(KEY);
    expect(app.loadProblems).toEqual([]);
  });

  it('seals with the keychain at once a key that was saved without it', () => {
    const file = tmpFile();
    new MeterStore({ file }).put(spec, 'kem');
    expect(fs.readFileSync(file, 'utf8')).toContain(KEY.toString('base64'));
    const box = keychainBox();
    expect(new MeterStore({ file, box }).keyFor('32666857')).toEqual(KEY);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY.toString('base64'));
    expect(new MeterStore({ file, box }).list()[0]).toMatchObject({ deviceId: '32666857', source: 'kem' });
  });

  it('a locked meter replaced, removed or dropped by a cloud command is gone from the file too', () => {
    const file = tmpFile();
    const box = keychainBox();
    new MeterStore({ file, box }).replaceAll([spec, { ...spec, deviceId: '11112222' }]);
    const cli = new MeterStore({ file });
    expect(cli.lockedIds()).toEqual(['32666857', '11112222']);
    cli.put({ ...spec, deviceId: '11112222', encryptionKey: Buffer.alloc(16, 1) });
    expect(cli.remove('32666857')).toBe(true);
    expect(new MeterStore({ file }).lockedIds()).toEqual([]);
    expect(new MeterStore({ file }).keyFor('11112222')).toEqual(Buffer.alloc(16, 1));
    new MeterStore({ file, box }).put(spec);
    const again = new MeterStore({ file });
    again.replaceAll([]);
    expect(new MeterStore({ file, box }).list()).toEqual([]);
  });
});

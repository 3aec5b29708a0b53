import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
import { decodeTelegram } from './decode';
import { framesFromC, fixture, OMNIPOWER_ID, OMNIPOWER_KEY } from './fixtures/telegram-fixtures';

describe('AES-128-CTR', () => {
  it('builds the ELL IV from M, A, version, type, CC and SN as on air', () => {
    const [frame] = framesFromC(fixture('seed-00'));
    const iv = writeEllIv(Buffer.alloc(16), frame!, 10);
    expect(iv.toString('hex')).toBe('2d2c5768663230022011de0320000000');
  });

  it('equals Node’s own aes-128-ctr (last-byte counter, < 256 blocks)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 13, maxLength: 13 }),
        fc.uint8Array({ maxLength: 250 }),
        (key, ivHead, data) => {
          const iv = Buffer.concat([ivHead, Buffer.alloc(3)]);
          const reference = crypto.createCipheriv('aes-128-ctr', key, iv).update(data);
          const cache = new KeyCipherCache();
          const ours = aesCtrTransform(cache.cipherFor('m', Buffer.from(key)), iv, data, 0, data.length);
          expect(ours.equals(reference)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is its own inverse', () => {
    const cache = new KeyCipherCache();
    const cipher = cache.cipherFor('m', OMNIPOWER_KEY);
    const iv = Buffer.alloc(16, 7);
    iv[15] = 0;
    const data = crypto.randomBytes(100);
    const once = aesCtrTransform(cipher, iv, data, 0, data.length, cache.counterBlocks);
    expect(aesCtrTransform(cipher, iv, once, 0, once.length, cache.counterBlocks).equals(data)).toBe(true);
  });
});

describe('KeyCipherCache', () => {
  it('reuses one cipher per key across many telegrams', () => {
    const ciphers = new KeyCipherCache();
    const frames = ['seed-00', 'seed-01', 'seed-02', 'seed-03', 'seed-20'].flatMap((name) =>
      framesFromC(fixture(name)),
    );
    for (let round = 0; round < 50; round++) {
      for (const frame of frames) decodeTelegram(frame, { keyFor: () => OMNIPOWER_KEY, ciphers });
    }
    expect(ciphers.ciphersCreated).toBe(1);
    expect(ciphers.size).toBe(1);
  });

  it('reuses the cipher when the key arrives as an equal but new Buffer', () => {
    const ciphers = new KeyCipherCache();
    const first = ciphers.cipherFor(OMNIPOWER_ID, Buffer.from(OMNIPOWER_KEY));
    expect(ciphers.cipherFor(OMNIPOWER_ID, Buffer.from(OMNIPOWER_KEY))).toBe(first);
    expect(ciphers.ciphersCreated).toBe(1);
  });

  it('rebuilds the cipher when the key for a meter changes', () => {
    const ciphers = new KeyCipherCache();
    const first = ciphers.cipherFor(OMNIPOWER_ID, OMNIPOWER_KEY);
    const second = ciphers.cipherFor(OMNIPOWER_ID, Buffer.alloc(16, 1));
    expect(second).not.toBe(first);
    expect(ciphers.ciphersCreated).toBe(2);
    expect(ciphers.size).toBe(1);
  });

  it('stays bounded', () => {
    const ciphers = new KeyCipherCache(3);
    for (let i = 0; i < 10; i++) ciphers.cipherFor(String(i), OMNIPOWER_KEY);
    expect(ciphers.size).toBe(3);
  });
});

import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aes128Encryptor } from './aes-block';

/** Node's (OpenSSL's) AES-128 of each 16-byte block on its own. */
function nodeEcb(key: Uint8Array, data: Uint8Array): Buffer {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return cipher.update(data);
}

function ours(key: Uint8Array, data: Uint8Array): Buffer {
  const aes = new Aes128Encryptor(key);
  const out = Buffer.alloc(data.length);
  for (let at = 0; at < data.length; at += 16) aes.encryptBlock(data, at, out, at);
  return out;
}

describe('Aes128Encryptor', () => {
  it('gives the FIPS-197 Appendix C.1 example', () => {
    const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const plain = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(ours(key, plain).toString('hex')).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
  });

  it('equals Node’s aes-128-ecb for any key and blocks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc
          .integer({ min: 1, max: 16 })
          .chain((blocks) => fc.uint8Array({ minLength: 16 * blocks, maxLength: 16 * blocks })),
        (key, data) => {
          expect(ours(key, data).equals(nodeEcb(key, data))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('encrypts in place, and at any offset of the input and output', () => {
    const key = crypto.randomBytes(16);
    const aes = new Aes128Encryptor(key);
    const data = crypto.randomBytes(16);
    const buffer = Buffer.concat([Buffer.alloc(3), data]);
    aes.encryptBlock(buffer, 3, buffer, 3);
    expect(buffer.subarray(3).equals(nodeEcb(key, data))).toBe(true);
  });

  it('refuses a key that is not 16 bytes', () => {
    expect(() => new Aes128Encryptor(Buffer.alloc(15))).toThrow(RangeError);
  });
});

import type crypto from 'node:crypto';
import { AES_BLOCK } from './aes-ctr';

/**
 * AES-128-CBC of TPL security mode 5 (EN 13757-7:2018 Table 19, OMS Vol. 2 security profile A).
 *
 * Speed: a cached AES-128-ECB decipher (KeyCipherCache.decipherFor) decrypts every block
 * independently in one update(); the CBC chaining is then one XOR pass, so no cipher object is
 * created per telegram.
 */

/**
 * IV of security mode 5: M(2) | A(4) | version | type of the meter, as on air, then its access number
 * eight times. `source[mAt]` is the M field, `source[aAt]` the ID, `source[versionAt]` the version
 * (type follows): the link header for CI 0x7A, the long TPL header for CI 0x72.
 */
export function writeMode5Iv<T extends Uint8Array>(
  target: T,
  source: Uint8Array,
  mAt: number,
  aAt: number,
  versionAt: number,
  accessNumber: number,
): T {
  target[0] = source[mAt]!;
  target[1] = source[mAt + 1]!;
  for (let i = 0; i < 4; i++) target[2 + i] = source[aAt + i]!;
  target[6] = source[versionAt]!;
  target[7] = source[versionAt + 1]!;
  for (let i = 8; i < AES_BLOCK; i++) target[i] = accessNumber;
  return target;
}

/**
 * Decrypts `blocks` 16-byte blocks of `input` from `start` (the caller checks they are there) and
 * returns them as a new buffer: P(i) = D(C(i)) XOR C(i-1), with C(0) = IV.
 */
export function aesCbcDecrypt(
  decipher: crypto.Decipher,
  iv: Uint8Array,
  input: Uint8Array,
  start: number,
  blocks: number,
): Buffer {
  const length = blocks * AES_BLOCK;
  if (length === 0) return Buffer.alloc(0);
  const plain = decipher.update(input.subarray(start, start + length));
  for (let i = 0; i < AES_BLOCK; i++) plain[i] = plain[i]! ^ iv[i]!;
  for (let i = AES_BLOCK; i < length; i++) plain[i] = plain[i]! ^ input[start + i - AES_BLOCK]!;
  return plain;
}

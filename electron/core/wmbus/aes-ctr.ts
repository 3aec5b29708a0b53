import crypto from 'node:crypto';
import { Aes128Encryptor, readWord } from './aes-block';

/**
 * AES-128-CTR as used by the wM-Bus extended link layer (EN 13757-4 §13.2.12). CTR turns
 * AES into a keystream generator, so encryption and decryption are the same XOR.
 *
 * Speed: each key is expanded ONCE (KeyCipherCache) and the counter blocks are encrypted with it to
 * make the keystream, never a cipher per telegram; the blocks are encrypted in JavaScript
 * (aes-block.ts), as a telegram's one to three blocks cost less there than one call into Node's Cipher.
 */

export const AES_BLOCK = 16;
/** wM-Bus frames are < 256 bytes, so 16 counter blocks always suffice. */
const MAX_BLOCKS = 16;
const DEFAULT_MAX_KEYS = 4096;

/** Both made on first use: a meter needs only one of them (CTR encrypts, CBC decrypts). */
interface CachedCipher {
  key: Buffer;
  cipher?: Aes128Encryptor;
  /** AES-128-ECB decryption, for TPL security mode 5 (AES-CBC). */
  decipher?: crypto.Decipher;
}

/**
 * One expanded AES-128 key (and, for AES-CBC, an AES-128-ECB decipher) per key, keyed by meter id (or any
 * stable name). If the key for a name changes (settings edited), both are rebuilt. Bounded: the
 * oldest entry goes first. Owned by the caller (no global), so tests and pipelines each have their own.
 */
export class KeyCipherCache {
  private readonly entries = new Map<string, CachedCipher>();
  /** Scratch for the IV of the telegram being decrypted. */
  readonly iv = Buffer.alloc(AES_BLOCK);
  private created = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** The block cipher for `key`, built on first use or when the key stored under `name` changed. */
  cipherFor(name: string, key: Buffer): Aes128Encryptor {
    const entry = this.entryFor(name, key);
    if (entry.cipher === undefined) {
      entry.cipher = new Aes128Encryptor(entry.key);
      this.created++;
    }
    return entry.cipher;
  }

  /** The AES-128-ECB decipher for `key` (no padding: every update() stands alone), cached like the cipher. */
  decipherFor(name: string, key: Buffer): crypto.Decipher {
    const entry = this.entryFor(name, key);
    return (entry.decipher ??= this.unpadded(crypto.createDecipheriv('aes-128-ecb', entry.key, null)));
  }

  private unpadded(made: crypto.Decipher): crypto.Decipher {
    made.setAutoPadding(false);
    this.created++;
    return made;
  }

  private entryFor(name: string, key: Buffer): CachedCipher {
    const cached = this.entries.get(name);
    if (cached !== undefined && sameBytes(cached.key, key)) return cached;
    if (cached === undefined && this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    const entry: CachedCipher = { key: Buffer.from(key) };
    this.entries.set(name, entry);
    return entry;
  }

  /** Number of keys currently cached. */
  get size(): number {
    return this.entries.size;
  }

  /** How many ciphers were ever created: lets tests prove reuse. */
  get ciphersCreated(): number {
    return this.created;
  }
}

/**
 * Byte equality in JavaScript: for a 16-byte key, cheaper than Buffer.equals' call into C++, and it
 * runs for every telegram (the cache keeps its own copy of the key, so it compares bytes, never identity).
 */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * XORs `input[start, end)` with the AES-CTR keystream for `iv` (16 bytes; its last byte is the block
 * counter and must be 0) and returns the result as a new buffer of length end - start.
 */
export function aesCtrTransform(
  cipher: Aes128Encryptor,
  iv: Uint8Array,
  input: Uint8Array,
  start: number,
  end: number,
): Buffer {
  const length = end - start;
  const blocks = Math.ceil(length / AES_BLOCK);
  if (blocks === 0) return Buffer.alloc(0);
  if (blocks > MAX_BLOCKS)
    throw new RangeError(`AES-CTR input of ${length} bytes exceeds ${MAX_BLOCKS} blocks`);
  const c0 = readWord(iv, 0);
  const c1 = readWord(iv, 4);
  const c2 = readWord(iv, 8);
  const c3 = readWord(iv, 12);
  const output = Buffer.allocUnsafe(length);
  for (let b = 0, at = 0; b < blocks; b++, at += AES_BLOCK) {
    // The block counter is the IV's last byte (EN 13757-4 ELL): it wraps without carrying.
    const keystream = cipher.encryptWords(c0, c1, c2, (c3 & ~0xff) | ((c3 + b) & 0xff));
    const n = Math.min(AES_BLOCK, length - at);
    for (let i = 0; i < n; i++)
      output[at + i] = input[start + at + i]! ^ (keystream[i >>> 2]! >>> (24 - 8 * (i & 3)));
  }
  return output;
}

/**
 * IV of the ELL AES-CTR mode (EN 13757-4 §13.2.12.4): M(2) | A(4) | version | type | CC | SN(4) |
 * frame number 00 00 | block counter 00, all bytes as they appear on air. `frameFromC` is the
 * frame from C, `ellOffset` where CC sits (10 for CI 0x8D directly after the link header).
 */
export function writeEllIv<T extends Uint8Array>(target: T, frameFromC: Uint8Array, ellOffset: number): T {
  for (let i = 0; i < 8; i++) target[i] = frameFromC[1 + i]!;
  target[8] = frameFromC[ellOffset]!;
  for (let i = 0; i < 4; i++) target[9 + i] = frameFromC[ellOffset + 2 + i]!;
  target[13] = 0;
  target[14] = 0;
  target[15] = 0;
  return target;
}

import crypto from 'node:crypto';

/**
 * AES-128-CTR as used by the wM-Bus extended link layer (EN 13757-4 §13.2.12). CTR turns
 * AES into a keystream generator, so encryption and decryption are the same XOR.
 *
 * Speed: creating a cipher costs far more than encrypting a few blocks, so each key gets ONE
 * reusable AES-128-ECB cipher (no padding, so every update() is independent) and the counter
 * blocks are encrypted with it to make the keystream — never a cipher per telegram.
 */

export const AES_BLOCK = 16;
/** wM-Bus frames are < 256 bytes, so 16 counter blocks always suffice. */
const MAX_BLOCKS = 16;
const DEFAULT_MAX_KEYS = 4096;

/**
 * Reusable counter-block buffer with one pre-made view per block count, so producing a keystream
 * allocates nothing but cipher.update()'s output.
 */
export class CounterBlocks {
  private readonly blocks = Buffer.alloc(AES_BLOCK * MAX_BLOCKS);
  private readonly views = Array.from({ length: MAX_BLOCKS + 1 }, (_, n) =>
    this.blocks.subarray(0, n * AES_BLOCK),
  );

  /** The first `count` counter blocks for `iv` (last byte = block counter, EN 13757-4 ELL). */
  fill(iv: Uint8Array, count: number): Buffer {
    const blocks = this.blocks;
    for (let b = 0; b < count; b++) {
      const at = b * AES_BLOCK;
      for (let i = 0; i < AES_BLOCK - 1; i++) blocks[at + i] = iv[i]!;
      blocks[at + AES_BLOCK - 1] = (iv[AES_BLOCK - 1]! + b) & 0xff;
    }
    return this.views[count]!;
  }
}

/** Both made on first use: a meter needs only one of them (CTR encrypts, CBC decrypts). */
interface CachedCipher {
  key: Buffer;
  cipher?: crypto.Cipher;
  /** AES-128-ECB decryption, for TPL security mode 5 (AES-CBC). */
  decipher?: crypto.Decipher;
}

/**
 * One reusable AES-128-ECB cipher (and, for AES-CBC, decipher) per key, keyed by meter id (or any
 * stable name). If the key for a name changes (settings edited), both are rebuilt. Bounded: the
 * oldest entry goes first. Owned by the caller (no global), so tests and pipelines each have their own.
 */
export class KeyCipherCache {
  private readonly entries = new Map<string, CachedCipher>();
  /** Scratch for the counter blocks; reusable because update() copies its input. */
  readonly counterBlocks = new CounterBlocks();
  /** Scratch for the IV of the telegram being decrypted. */
  readonly iv = Buffer.alloc(AES_BLOCK);
  private created = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** The cipher for `key`, built on first use or when the key stored under `name` changed. */
  cipherFor(name: string, key: Buffer): crypto.Cipher {
    const entry = this.entryFor(name, key);
    return (entry.cipher ??= this.unpadded(crypto.createCipheriv('aes-128-ecb', entry.key, null)));
  }

  /** The AES-128-ECB decipher for `key` (no padding: every update() stands alone), cached like the cipher. */
  decipherFor(name: string, key: Buffer): crypto.Decipher {
    const entry = this.entryFor(name, key);
    return (entry.decipher ??= this.unpadded(crypto.createDecipheriv('aes-128-ecb', entry.key, null)));
  }

  private unpadded<T extends crypto.Cipher | crypto.Decipher>(made: T): T {
    made.setAutoPadding(false);
    this.created++;
    return made;
  }

  private entryFor(name: string, key: Buffer): CachedCipher {
    const cached = this.entries.get(name);
    if (cached !== undefined && (cached.key === key || cached.key.equals(key))) return cached;
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
 * XORs `input[start, end)` with the AES-CTR keystream for `iv` (16 bytes; its last byte is the block
 * counter and must be 0) and returns the result as a new buffer of length end - start.
 */
export function aesCtrTransform(
  cipher: crypto.Cipher,
  iv: Uint8Array,
  input: Uint8Array,
  start: number,
  end: number,
  counterBlocks: CounterBlocks = new CounterBlocks(),
): Buffer {
  const length = end - start;
  const blocks = Math.ceil(length / AES_BLOCK);
  if (blocks === 0) return Buffer.alloc(0);
  if (blocks > MAX_BLOCKS)
    throw new RangeError(`AES-CTR input of ${length} bytes exceeds ${MAX_BLOCKS} blocks`);
  const keystream = cipher.update(counterBlocks.fill(iv, blocks));
  // XOR in place into the fresh keystream buffer: one allocation per telegram.
  for (let i = 0; i < length; i++) keystream[i] = keystream[i]! ^ input[start + i]!;
  return length === keystream.length ? keystream : keystream.subarray(0, length);
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

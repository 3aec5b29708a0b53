/**
 * AES-128 block encryption (FIPS-197) in plain JavaScript, for the keystream of AES-CTR. A wM-Bus
 * telegram needs one to three blocks, and a call into OpenSSL through Node's Cipher costs several
 * times what the blocks themselves cost here (one output Buffer per call, the binding's checks), so
 * for many small telegrams the table form below is the faster one. Only encryption: CTR never
 * decrypts a block (security mode 5's CBC still uses Node's decipher, see aes-cbc.ts).
 * aes-block.test.ts proves it against Node's aes-128-ecb.
 */

export const AES_BLOCK_BYTES = 16;
const ROUNDS = 10;

/** The S-box and the four round tables (S-box column times [2 1 1 3], rotated), built at load. */
const SBOX = new Uint8Array(256);
const T0 = new Uint32Array(256);
const T1 = new Uint32Array(256);
const T2 = new Uint32Array(256);
const T3 = new Uint32Array(256);

/** Multiplication by x in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
const times2 = (b: number): number => ((b << 1) ^ (b & 0x80 ? 0x11b : 0)) & 0xff;

function buildTables(): void {
  // Walk the multiplicative group with generator 3 to get inverses (FIPS-197 §5.1.1).
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x ^= times2(x);
  }
  for (let i = 0; i < 256; i++) {
    const inverse = i === 0 ? 0 : exp[(255 - log[i]!) % 255]!;
    let s = inverse;
    for (let shift = 1; shift <= 4; shift++) s ^= ((inverse << shift) | (inverse >>> (8 - shift))) & 0xff;
    s ^= 0x63;
    SBOX[i] = s;
    const s2 = times2(s);
    const s3 = s2 ^ s;
    const word = ((s2 << 24) | (s << 16) | (s << 8) | s3) >>> 0;
    T0[i] = word;
    T1[i] = ((word >>> 8) | (word << 24)) >>> 0;
    T2[i] = ((word >>> 16) | (word << 16)) >>> 0;
    T3[i] = ((word >>> 24) | (word << 8)) >>> 0;
  }
}
buildTables();

/** One AES-128 key, expanded once, encrypting 16-byte blocks. */
export class Aes128Encryptor {
  /** The 44 round-key words (FIPS-197 §5.2). */
  private readonly roundKeys = new Uint32Array(4 * (ROUNDS + 1));
  private readonly out = new Int32Array(4);

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new RangeError(`AES-128 needs a 16-byte key, got ${key.length} bytes`);
    const w = this.roundKeys;
    for (let i = 0; i < 4; i++) w[i] = readWord(key, 4 * i);
    for (let i = 4, rcon = 1; i < w.length; i++) {
      let t = w[i - 1]!;
      if (i % 4 === 0) {
        t =
          ((SBOX[(t >>> 16) & 0xff]! << 24) |
            (SBOX[(t >>> 8) & 0xff]! << 16) |
            (SBOX[t & 0xff]! << 8) |
            SBOX[t >>> 24]!) ^
          (rcon << 24);
        rcon = times2(rcon);
      }
      w[i] = (w[i - 4]! ^ t) >>> 0;
    }
  }

  /** Encrypts the block at input[inAt..inAt+15] into output[outAt..outAt+15] (may be the same place). */
  encryptBlock(input: Uint8Array, inAt: number, output: Uint8Array, outAt: number): void {
    const words = this.encryptWords(
      readWord(input, inAt),
      readWord(input, inAt + 4),
      readWord(input, inAt + 8),
      readWord(input, inAt + 12),
    );
    for (let i = 0; i < 4; i++) writeWord(output, outAt + 4 * i, words[i]!);
  }

  /**
   * Encrypts the block given as four big-endian words; the result is in the returned array (reused by
   * the next call). For CTR, whose counter blocks are words to begin with.
   */
  encryptWords(w0: number, w1: number, w2: number, w3: number): Int32Array {
    const w = this.roundKeys;
    let s0 = w0 ^ w[0]!;
    let s1 = w1 ^ w[1]!;
    let s2 = w2 ^ w[2]!;
    let s3 = w3 ^ w[3]!;
    let k = 4;
    for (let round = 1; round < ROUNDS; round++, k += 4) {
      const t0 = T0[s0 >>> 24]! ^ T1[(s1 >>> 16) & 0xff]! ^ T2[(s2 >>> 8) & 0xff]! ^ T3[s3 & 0xff]! ^ w[k]!;
      const t1 =
        T0[s1 >>> 24]! ^ T1[(s2 >>> 16) & 0xff]! ^ T2[(s3 >>> 8) & 0xff]! ^ T3[s0 & 0xff]! ^ w[k + 1]!;
      const t2 =
        T0[s2 >>> 24]! ^ T1[(s3 >>> 16) & 0xff]! ^ T2[(s0 >>> 8) & 0xff]! ^ T3[s1 & 0xff]! ^ w[k + 2]!;
      const t3 =
        T0[s3 >>> 24]! ^ T1[(s0 >>> 16) & 0xff]! ^ T2[(s1 >>> 8) & 0xff]! ^ T3[s2 & 0xff]! ^ w[k + 3]!;
      s0 = t0;
      s1 = t1;
      s2 = t2;
      s3 = t3;
    }
    // Last round: SubBytes and ShiftRows without MixColumns.
    const out = this.out;
    out[0] = lastRoundWord(s0, s1, s2, s3) ^ w[k]!;
    out[1] = lastRoundWord(s1, s2, s3, s0) ^ w[k + 1]!;
    out[2] = lastRoundWord(s2, s3, s0, s1) ^ w[k + 2]!;
    out[3] = lastRoundWord(s3, s0, s1, s2) ^ w[k + 3]!;
    return out;
  }
}

/** A 16-byte block as four big-endian words (FIPS-197 column order). */
export const readWord = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

function writeWord(out: Uint8Array, at: number, word: number): void {
  out[at] = word >>> 24;
  out[at + 1] = (word >>> 16) & 0xff;
  out[at + 2] = (word >>> 8) & 0xff;
  out[at + 3] = word & 0xff;
}

const lastRoundWord = (a: number, b: number, c: number, d: number): number =>
  (SBOX[a >>> 24]! << 24) |
  (SBOX[(b >>> 16) & 0xff]! << 16) |
  (SBOX[(c >>> 8) & 0xff]! << 8) |
  SBOX[d & 0xff]!;

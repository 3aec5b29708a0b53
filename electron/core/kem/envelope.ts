import crypto from 'node:crypto';
import { KemError, WrongPasswordError } from './errors';
import { findElement, textContent, type XmlElement } from './xml';

// The XML Encryption envelope of a KEM file (docs/ARCHITECTURE.md § KEM files; W3C XML Encryption
// 1.0 for the element names): CipherData/CipherValue is base64 of AES-128-CBC whose key is the
// password's UTF-8 bytes zero-padded to 16, and whose IV is the same 16 bytes.

const AES_BLOCK = 16;
export const KEM_PASSWORD_MAX_BYTES = 16;
const AES128_CBC = /#aes128-cbc$/;

/** The AES key (and IV) a password gives; a missing or over-long password is a PASSWORD error. */
export function kemKeyFromPassword(password: string): Buffer {
  const bytes = Buffer.from(password, 'utf8');
  if (bytes.length === 0) throw new KemError('PASSWORD', 'This KEM file is encrypted: enter its password.');
  if (bytes.length > KEM_PASSWORD_MAX_BYTES)
    throw new KemError(
      'PASSWORD',
      `The password is ${bytes.length} bytes long; a KEM password is at most ${KEM_PASSWORD_MAX_BYTES} bytes (16 letters and digits, fewer with accented letters). Check that nothing was pasted with it.`,
    );
  const key = Buffer.alloc(AES_BLOCK);
  bytes.copy(key);
  return key;
}

/**
 * The plaintext inside `encrypted` (an EncryptedData element), trailing padding and control bytes
 * stripped. A wrong password and a damaged file are told apart by the first block: CBC decrypts
 * each block from its own ciphertext, so with the right password the first 16 bytes are the start
 * of an XML document whatever happened to later blocks, while under a wrong key they are noise
 * (all 16 printable ASCII with a leading `<` by chance: about 1 in 10^9).
 */
export function decryptEnvelope(encrypted: XmlElement, password: string, documentName: string): Buffer {
  const method = findElement(encrypted, 'EncryptionMethod')?.attributes['Algorithm'];
  if (method !== undefined && !AES128_CBC.test(method))
    throw new KemError(
      'UNSUPPORTED',
      `${documentName} is encrypted with ${method}; KEM files this app reads use AES-128-CBC.`,
    );
  const cipherValue = findElement(encrypted, 'CipherValue');
  if (!cipherValue) {
    const elsewhere = findElement(encrypted, 'CipherReference') !== null;
    throw new KemError(
      elsewhere ? 'UNSUPPORTED' : 'DAMAGED',
      elsewhere
        ? `${documentName} refers to its encrypted data elsewhere (CipherReference) instead of holding it.`
        : `${documentName} has an <EncryptedData> element without a <CipherValue>: the file is damaged or incomplete.`,
    );
  }
  const ciphertext = base64Bytes(textContent(cipherValue), cipherValue.offset, documentName);
  const key = kemKeyFromPassword(password);
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK !== 0)
    throw new KemError(
      'DAMAGED',
      `${documentName} is damaged or cut short: its encrypted data is ${ciphertext.length} bytes, not a whole number of 16-byte AES blocks.`,
      cipherValue.offset,
    );
  const decipher = crypto.createDecipheriv('aes-128-cbc', key, key).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  checkFirstBlock(plain.subarray(0, AES_BLOCK));
  return stripTrailingPadding(plain);
}

/** Standard base64 (whitespace allowed between the characters, as XML writers wrap long lines). */
function base64Bytes(text: string, offset: number, documentName: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  const stray = /[^A-Za-z0-9+/=]/.exec(compact);
  if (stray || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new KemError(
      'DAMAGED',
      `${documentName} is damaged: its <CipherValue> (at byte ${offset}) is not base64${stray ? `; character ${stray.index + 1} is not a base64 character` : ''}.`,
      offset,
    );
  return Buffer.from(compact, 'base64');
}

function checkFirstBlock(block: Buffer): void {
  if (
    (block[0] === 0xff && block[1] === 0xfe) ||
    (block[0] === 0xfe && block[1] === 0xff) ||
    (block[0] === 0x3c && block[1] === 0)
  )
    throw new KemError(
      'UNSUPPORTED',
      'The password is right, but the file holds UTF-16 text, which this reader does not read.',
    );
  let at = block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? 3 : 0;
  while (at < block.length && isSpace(block[at]!)) at++;
  if (block[at] !== 0x3c) throw new WrongPasswordError();
  for (; at < block.length; at++) {
    const byte = block[at]!;
    if (!isSpace(byte) && (byte < 0x20 || byte > 0x7e)) throw new WrongPasswordError();
  }
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** Without whatever padding the writer added (PKCS#7, zeros, spaces): trailing control bytes and blanks. */
function stripTrailingPadding(plain: Buffer): Buffer {
  let end = plain.length;
  while (end > 0 && (plain[end - 1]! <= 0x20 || plain[end - 1] === 0x7f)) end--;
  return plain.subarray(0, end);
}

/**
 * Why a KEM file could not be read, as a code a caller can act on:
 * - NOT_KEM: the bytes are something else (the message says what they look like);
 * - ZIP: a zip archive that cannot give its KEM file (truncated, encrypted entry, none inside);
 * - XML: a document that is not well-formed XML (with the byte offset);
 * - PASSWORD: no password, or one that cannot be a KEM password (longer than 16 bytes);
 * - WRONG_PASSWORD: the password does not decrypt the file;
 * - DAMAGED: the password is right (or the file is plain) but the content is broken;
 * - UNSUPPORTED: a KEM variant this reader does not implement (another cipher, UTF-16);
 * - TOO_LARGE: more bytes than any KEM file has.
 * Messages never contain the password or a key: they may be logged and shown.
 */
export type KemErrorCode =
  'NOT_KEM' | 'ZIP' | 'XML' | 'PASSWORD' | 'WRONG_PASSWORD' | 'DAMAGED' | 'UNSUPPORTED' | 'TOO_LARGE';

export class KemError extends Error {
  constructor(
    readonly code: KemErrorCode,
    message: string,
    /** Byte offset of the problem in the document it names, when there is one. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The bytes are not a KEM file; `looksLike` says what they are instead, in words. */
export class NotKemError extends KemError {
  constructor(
    readonly looksLike: string,
    detail = '',
    /** What looks like it, when not the file itself: `"x.kem" in the zip archive`. */
    subject = 'it',
  ) {
    super(
      'NOT_KEM',
      `This is not a KEM file: ${subject} looks like ${looksLike}.${detail ? ` ${detail}` : ''}`,
    );
  }
}

/** A zip archive that cannot give its KEM file. */
export class ZipError extends KemError {
  constructor(message: string, offset?: number) {
    super('ZIP', message, offset);
  }
}

/** Not well-formed XML; `offset` counts bytes from the start of the document named in `document`. */
export class XmlError extends KemError {
  constructor(
    readonly document: string,
    readonly problem: string,
    offset: number,
  ) {
    super('XML', `${document} is not well-formed XML: ${problem} at byte ${offset}.`, offset);
  }
}

/** The password does not decrypt the file. */
export class WrongPasswordError extends KemError {
  constructor() {
    super(
      'WRONG_PASSWORD',
      'Wrong password: the file does not decrypt to XML with it. Check the password (often the customer number) and its upper and lower case; nothing was imported.',
    );
  }
}

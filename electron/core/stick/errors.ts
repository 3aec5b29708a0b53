/** Why bytes could not be read as an HCI frame (or a command response inside one). */
export type HciParseReason =
  | 'no-sof' // first byte is not 0xA5
  | 'reserved-flag' // control flag 0x10 is reserved: no real stick sets it, so this is not a frame
  | 'unknown-endpoint' // endpoint outside 1..4
  | 'truncated' // the header announces more bytes than there are
  | 'bad-payload'; // a command response payload is shorter than its layout needs

export type HciErrorCode = 'HCI_PARSE' | 'HCI_CRC';

/** Base of every error thrown while decoding stick bytes; `offset` is where in the input it went wrong. */
export class HciError extends Error {
  constructor(
    readonly code: HciErrorCode,
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class HciParseError extends HciError {
  constructor(
    readonly reason: HciParseReason,
    message: string,
    offset: number,
  ) {
    super('HCI_PARSE', message, offset);
  }
}

/** `computed` is the CRC of the bytes as received; `received` is the CRC the frame carried. */
export class HciCrcError extends HciError {
  constructor(
    readonly computed: number,
    readonly received: number,
    offset: number,
  ) {
    super(
      'HCI_CRC',
      `HCI frame CRC mismatch: computed 0x${hex4(computed)}, frame carries 0x${hex4(received)}`,
      offset,
    );
  }
}

export type StickErrorCode =
  | 'TIMEOUT' // the stick did not answer a request
  | 'PERMISSION_DENIED' // EACCES/EPERM opening the port
  | 'PORT_NOT_FOUND' // ENOENT: nothing at that path
  | 'PORT_BUSY' // another program holds the port
  | 'NOT_OPEN' // a request was made while the port is not open
  | 'UNPLUGGED' // the port went away while a request waited
  | 'CLOSED' // close() was called while a request waited
  | 'REJECTED' // the stick answered with a non-zero status
  | 'NOT_A_STICK' // the port answered no stick protocol this app knows
  | 'IO'; // any other serial error

/** Errors of the stick as a device; messages are written for the installer, with the likely fix. */
export class StickError extends Error {
  constructor(
    readonly code: StickErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StickError';
  }
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

export type CaptureErrorCode =
  /** The file is none of the formats a replay reads (names what it looks like instead). */
  | 'NOT_A_CAPTURE'
  /** A capture of a newer format version than this program reads. */
  | 'UNSUPPORTED_VERSION'
  /** No such file (in the captures folder, for the app). */
  | 'NO_SUCH_CAPTURE'
  /** Recording asked for while one is written, or stopped while none is. */
  | 'ALREADY_RECORDING'
  | 'NOT_RECORDING'
  /** Recording needs a running gateway; a replay cannot be recorded. */
  | 'NOTHING_TO_RECORD'
  /** Replay controls while no replay is open. */
  | 'NO_REPLAY'
  /** The file could not be written or read (disk full, permissions): the OS's words follow. */
  | 'IO';

/** Why a capture could not be written, read or replayed; the message names the file and the line. */
export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

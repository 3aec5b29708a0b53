/** Every request crosses the boundary as a result, never as a thrown error. */
export type BridgeErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_METHOD'
  | 'FORBIDDEN'
  | 'INTERNAL'
  | 'DISCONNECTED'
  | 'NOT_FOUND'
  | 'SETTINGS'
  | 'NOT_RUNNING'
  /** What the request would change was changed by someone else since it was read. */
  | 'CONFLICT';

export interface BridgeErrorInfo {
  code: BridgeErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: BridgeErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

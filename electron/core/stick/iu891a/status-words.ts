import { StickError } from './reused';
import { Iu891aEndpoint, type Iu891aMessage } from './message';

/** Status codes shared by both endpoints (0–4, 6–10); the rest differ per endpoint. */
const COMMON: Record<number, string> = {
  0x00: 'ok',
  0x01: 'error',
  0x02: 'command not supported',
  0x03: 'wrong parameter',
  0x04: 'wrong application or device mode',
  0x06: 'busy, try again later',
  0x07: 'wrong message length',
  0x08: 'could not write the non-volatile memory',
  0x09: 'could not read the non-volatile memory (its content is invalid)',
  0x0a: 'command rejected in the current state',
};

const DEVICE_MANAGEMENT: Record<number, string> = {
  ...COMMON,
  0x0c: 'unexpected message format',
};

const GATEWAY: Record<number, string> = {
  ...COMMON,
  0x05: 'no more data',
  0x0b: 'access denied: the operation needs another system operation mode',
  0x0c: 'data truncated',
  0x0d: 'unsupported encryption mode',
  0x0e: 'no encryption key for that meter address',
  0x0f: 'encryption parameter missing',
  0x10: 'encryption error',
};

/** A response status in words, e.g. "wrong parameter (status 0x03)". */
export function statusText(endpoint: number, status: number): string {
  const table = endpoint === Iu891aEndpoint.wmbusGateway ? GATEWAY : DEVICE_MANAGEMENT;
  const words = table[status] ?? 'unknown status';
  return `${words} (status 0x${status.toString(16).padStart(2, '0')})`;
}

/** Throws REJECTED with the status in words unless the stick answered ok. */
export function assertOk(response: Iu891aMessage, what: string): void {
  if (response.status === undefined || response.status === 0) return;
  throw new StickError(
    'REJECTED',
    `the iU891A refused ${what}: ${statusText(response.endpoint, response.status)}`,
  );
}

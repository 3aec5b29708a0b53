import type { BridgeErrorCode, BridgeErrorInfo } from '../../../shared/ipc/result';
import { GatewayError, type GatewayErrorCode } from '../gateway';
import { KemError } from '../kem';

/** Which bridge code the renderer sees for each of the gateway's refusals. */
const BRIDGE_CODE = {
  NO_GATEWAY_ID: 'SETTINGS',
  NO_SUCH_PROFILE: 'SETTINGS',
  PROFILE_UNUSABLE: 'SETTINGS',
  NOT_RUNNING: 'NOT_RUNNING',
  NEEDS_MQTT5: 'BAD_REQUEST',
  NOT_MONITORED: 'NOT_FOUND',
} as const satisfies Record<GatewayErrorCode, BridgeErrorCode>;

/** The router's view of a domain error: its bridge code and message; null for anything else. */
export function toBridgeError(error: unknown): BridgeErrorInfo | null {
  if (error instanceof GatewayError) return { code: BRIDGE_CODE[error.code], message: error.message };
  // A KEM file that cannot be read (wrong password, not a KEM file…): the message says which, in words.
  if (error instanceof KemError) return { code: 'BAD_REQUEST', message: error.message };
  return null;
}

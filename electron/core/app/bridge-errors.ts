import type { BridgeErrorCode, BridgeErrorInfo } from '../../../shared/ipc/result';
import { CaptureError, type CaptureErrorCode } from '../capture';
import { GatewayError, type GatewayErrorCode } from '../gateway';
import { KemError } from '../kem';
import { ProfileEditError, type ProfileEditErrorCode } from '../settings/editor/profile-edit-error';

/** Which bridge code the renderer sees for each of the gateway's refusals. */
const BRIDGE_CODE = {
  NO_GATEWAY_ID: 'SETTINGS',
  NO_SUCH_PROFILE: 'SETTINGS',
  PROFILE_UNUSABLE: 'SETTINGS',
  NOT_RUNNING: 'NOT_RUNNING',
  NEEDS_MQTT5: 'BAD_REQUEST',
  NOT_MONITORED: 'NOT_FOUND',
} as const satisfies Record<GatewayErrorCode, BridgeErrorCode>;

/** And for the refusals of captures and replays. */
const CAPTURE_BRIDGE_CODE = {
  NOT_A_CAPTURE: 'BAD_REQUEST',
  UNSUPPORTED_VERSION: 'BAD_REQUEST',
  NO_SUCH_CAPTURE: 'NOT_FOUND',
  ALREADY_RECORDING: 'BAD_REQUEST',
  NOT_RECORDING: 'NOT_RUNNING',
  NOTHING_TO_RECORD: 'NOT_RUNNING',
  NO_REPLAY: 'NOT_FOUND',
  IO: 'INTERNAL',
} as const satisfies Record<CaptureErrorCode, BridgeErrorCode>;

/** And for the profile form's. */
const PROFILE_BRIDGE_CODE = {
  CHANGED_ON_DISK: 'CONFLICT',
  NOT_EDITABLE: 'BAD_REQUEST',
  NO_SUCH_PROFILE: 'NOT_FOUND',
  NAME_TAKEN: 'BAD_REQUEST',
  INVALID: 'BAD_REQUEST',
  FILE: 'SETTINGS',
} as const satisfies Record<ProfileEditErrorCode, BridgeErrorCode>;

/** The router's view of a domain error: its bridge code and message; null for anything else. */
export function toBridgeError(error: unknown): BridgeErrorInfo | null {
  if (error instanceof GatewayError) return { code: BRIDGE_CODE[error.code], message: error.message };
  // A KEM file that cannot be read (wrong password, not a KEM file…): the message says which, in words.
  if (error instanceof KemError) return { code: 'BAD_REQUEST', message: error.message };
  if (error instanceof ProfileEditError)
    return { code: PROFILE_BRIDGE_CODE[error.code], message: error.message };
  if (error instanceof CaptureError) return { code: CAPTURE_BRIDGE_CODE[error.code], message: error.message };
  return null;
}

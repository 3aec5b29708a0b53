/**
 * Why the gateway (or the service in front of it) refused a request. The app maps each code to
 * the bridge's error codes (electron/core/app/bridge-errors.ts); the CLI prints the message.
 */
export type GatewayErrorCode =
  /** The profile lacks gateway_id, which names the v2/<gateway_id>/… topics. */
  | 'NO_GATEWAY_ID'
  /** No profile of that name in the settings file. */
  | 'NO_SUCH_PROFILE'
  /** The profile is in the file but has errors. */
  | 'PROFILE_UNUSABLE'
  /** The request needs a running gateway (its broker connection). */
  | 'NOT_RUNNING'
  /** MQTT 5 properties asked for on an MQTT 3.1.1 session. */
  | 'NEEDS_MQTT5'
  /** The meter is not in the monitored set. */
  | 'NOT_MONITORED';

export class GatewayError extends Error {
  override name = 'GatewayError';
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
  ) {
    super(message);
  }
}

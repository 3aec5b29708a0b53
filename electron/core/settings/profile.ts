import type { ProfileView } from '../../../shared/settings';

/**
 * A connection profile as the main process holds it: the renderer's view plus the secrets
 * themselves. Certificate paths are absolute (resolved against the settings file's folder).
 */
export type Profile = Omit<ProfileView, 'hasPassword' | 'hasKeyPassphrase'> & {
  password: string | null;
  keyPassphrase: string | null;
};

/** What may cross to the renderer: secrets become "is one set?" booleans. */
export function toProfileView(profile: Profile): ProfileView {
  // Listed field by field (no spread) so a secret added to Profile later cannot leak by default.
  return {
    name: profile.name,
    demo: profile.demo,
    host: profile.host,
    port: profile.port,
    transport: profile.transport,
    wsPath: profile.wsPath,
    tls: profile.tls,
    tlsInsecure: profile.tlsInsecure,
    caFile: profile.caFile,
    certFile: profile.certFile,
    keyFile: profile.keyFile,
    servername: profile.servername,
    alpn: profile.alpn ? [...profile.alpn] : null,
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId,
    keepalive: profile.keepalive,
    username: profile.username,
    hasPassword: profile.password !== null,
    hasKeyPassphrase: profile.keyPassphrase !== null,
    gatewayId: profile.gatewayId,
    subscribeTopic: profile.subscribeTopic,
    qos: profile.qos,
    dataFormat: profile.dataFormat,
  };
}

export const DEMO_PROFILE_NAME = 'demo';
const DEMO_GATEWAY_ID = '706462169';

/** `subscribe_topic` when the file gives only `gateway_id` (DESIGN §3). */
export function defaultSubscribeTopic(gatewayId: string): string {
  return `v2/${gatewayId}/sensors/set`;
}

/**
 * The built-in demo profile: an in-process broker on loopback. Port 0 means "whatever port the
 * in-process broker gets when it starts"; the caller fills it in then.
 */
export function demoProfile(): Profile {
  return {
    name: DEMO_PROFILE_NAME,
    demo: true,
    host: '127.0.0.1',
    port: 0,
    transport: 'tcp',
    wsPath: null,
    tls: false,
    tlsInsecure: false,
    caFile: null,
    certFile: null,
    keyFile: null,
    servername: null,
    alpn: null,
    protocolVersion: 4,
    clientId: null,
    keepalive: 60,
    username: null,
    password: null,
    keyPassphrase: null,
    gatewayId: DEMO_GATEWAY_ID,
    subscribeTopic: defaultSubscribeTopic(DEMO_GATEWAY_ID),
    qos: 1,
    dataFormat: 'per-channel',
  };
}

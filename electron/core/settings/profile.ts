import type { CheckedProfile } from '../../../shared/profile-rules/check-profile';
import type { ProfileView } from '../../../shared/settings';

export { DEMO_PROFILE_NAME, defaultSubscribeTopic } from '../../../shared/profile-rules/check-profile';

/**
 * A connection profile as the main process holds it: the renderer's view plus the secrets
 * themselves. Certificate paths are absolute (resolved against the settings file's folder).
 */
export type Profile = CheckedProfile;

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

/**
 * Plain MQTT 3.1.1 over TCP to 127.0.0.1 with every other setting at its default: the base of the
 * built-in demo profile and of test profiles.
 */
export function loopbackProfile(name: string, port: number): Profile {
  return {
    name,
    demo: false,
    host: '127.0.0.1',
    port,
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
    gatewayId: null,
    subscribeTopic: null,
    qos: 1,
    dataFormat: 'per-channel',
  };
}

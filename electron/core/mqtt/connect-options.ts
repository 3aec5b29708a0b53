import net from 'node:net';
import {
  checkServerIdentity,
  type ConnectionOptions as TlsConnectionOptions,
  type PeerCertificate,
} from 'node:tls';
import type { IClientOptions } from 'mqtt';
import type { Profile } from '../settings/profile';

/** Everything needed to open one connection for a profile, with secrets kept in this object only. */
export interface ConnectPlan {
  profileName: string;
  host: string;
  port: number;
  transport: 'tcp' | 'websockets';
  tls: boolean;
  /** Shown to people: scheme, host, port (and path); never credentials. */
  endpoint: string;
  /** ws:// or wss:// URL for the WebSocket transport, else null. */
  wsUrl: string | null;
  /** Options for tls.connect (certificate files already read); null without TLS. */
  tlsOptions: TlsConnectionOptions | null;
  tlsInsecure: boolean;
  /** The name checked against the broker's certificate. */
  certificateName: string;
  protocolVersion: 4 | 5;
  clientId: string;
  credentials: { username: string | null; hasPassword: boolean };
  connectTimeoutMs: number;
  /** MQTT.js options: our own reconnect (reconnectPeriod 0) so the state machine stays honest. */
  mqtt: IClientOptions;
  /** Values to scrub from any text we log or show. */
  secrets: string[];
}

export interface ConnectPlanDeps {
  /** Reads a certificate or key file (absolute path). */
  readFile: (file: string) => Buffer;
  connectTimeoutMs: number;
  /** The client id when the profile gives none (the session keeps one per session). */
  clientId: string;
  /** MQTT.js's `log` hook; never MQTT.js's own debug output, which prints the password. */
  log?: (...args: unknown[]) => void;
}

/** What outcomes mention about a connection: known without reading any file. */
export type PlanFacts = Pick<
  ConnectPlan,
  | 'profileName'
  | 'host'
  | 'port'
  | 'transport'
  | 'tls'
  | 'endpoint'
  | 'wsUrl'
  | 'certificateName'
  | 'protocolVersion'
  | 'clientId'
  | 'credentials'
  | 'connectTimeoutMs'
  | 'secrets'
>;

/** A certificate or key file named by the profile cannot be read. */
export class ConnectPlanError extends Error {
  override name = 'ConnectPlanError';
  readonly code = 'ERR_FILE_UNREADABLE';
  constructor(
    readonly key: 'ca_file' | 'cert_file' | 'key_file',
    readonly file: string,
    reason: string,
    /** Filled in by buildConnectPlan, so the failure can still be worded for this connection. */
    public facts: PlanFacts | null = null,
  ) {
    super(`${key} ${file} cannot be read: ${reason}`);
  }
}

/** The values never to show: the password and the key passphrase. */
export function profileSecrets(profile: Profile): string[] {
  return [profile.password, profile.keyPassphrase].filter((s): s is string => !!s);
}

/** `gw-diag-` + 8 hex digits: 16 characters, within strict 3.1.1 brokers' 23-character limit. */
export function generatedClientId(randomHex: string): string {
  return `gw-diag-${randomHex.slice(0, 8)}`;
}

/** Pure: the facts of a profile's connection (endpoint, names, credentials) without any file. */
export function planFacts(
  profile: Profile,
  deps: Pick<ConnectPlanDeps, 'connectTimeoutMs' | 'clientId'>,
): PlanFacts {
  const { host, port } = profile;
  const hostPart = net.isIPv6(host) ? `[${host}]` : host;
  const scheme =
    profile.transport === 'websockets' ? (profile.tls ? 'wss' : 'ws') : profile.tls ? 'mqtts' : 'mqtt';
  const wsUrl =
    profile.transport === 'websockets' ? `${scheme}://${hostPart}:${port}${profile.wsPath ?? '/mqtt'}` : null;
  return {
    profileName: profile.name,
    host,
    port,
    transport: profile.transport,
    tls: profile.tls,
    endpoint: wsUrl ?? `${scheme}://${hostPart}:${port}`,
    wsUrl,
    certificateName: profile.servername ?? host,
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId ?? deps.clientId,
    credentials: { username: profile.username, hasPassword: profile.password !== null },
    connectTimeoutMs: deps.connectTimeoutMs,
    secrets: profileSecrets(profile),
  };
}

/** Pure: profile → connection plan. Files are read through `deps.readFile`. */
export function buildConnectPlan(profile: Profile, deps: ConnectPlanDeps): ConnectPlan {
  const facts = planFacts(profile, deps);
  let tlsOptions: TlsConnectionOptions | null = null;
  try {
    tlsOptions = profile.tls ? buildTlsOptions(profile, deps.readFile) : null;
  } catch (error) {
    if (error instanceof ConnectPlanError) error.facts = facts;
    throw error;
  }
  const mqtt: IClientOptions = {
    protocolVersion: profile.protocolVersion,
    clientId: facts.clientId,
    keepalive: profile.keepalive,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: deps.connectTimeoutMs,
    resubscribe: false,
    queueQoSZero: false,
    manualConnect: true,
    // Without a log function MQTT.js falls back to the `debug` package, which DEBUG=mqttjs*
    // would switch on, printing the CONNECT packet with the password.
    log: deps.log ?? (() => undefined),
    ...(profile.username !== null ? { username: profile.username } : {}),
    ...(profile.password !== null ? { password: profile.password } : {}),
  };
  return { ...facts, tlsOptions, tlsInsecure: profile.tls && profile.tlsInsecure, mqtt };
}

function buildTlsOptions(profile: Profile, readFile: (file: string) => Buffer): TlsConnectionOptions {
  const read = (key: 'ca_file' | 'cert_file' | 'key_file', file: string | null): Buffer | undefined => {
    if (file === null) return undefined;
    try {
      return readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConnectPlanError(key, file, code ?? (error instanceof Error ? error.message : String(error)));
    }
  };
  const ca = read('ca_file', profile.caFile);
  const cert = read('cert_file', profile.certFile);
  const key = read('key_file', profile.keyFile);
  // SNI carries host names only: Node refuses an IP address as servername.
  const sniName = profile.servername ?? (net.isIP(profile.host) ? null : profile.host);
  return {
    host: profile.host,
    port: profile.port,
    rejectUnauthorized: !profile.tlsInsecure,
    ...(sniName !== null && !net.isIP(sniName) ? { servername: sniName } : {}),
    // Node checks the certificate against servername, else host; an IP servername is not sent as
    // SNI, so check against it explicitly.
    ...(profile.servername !== null && net.isIP(profile.servername)
      ? {
          checkServerIdentity: (_host: string, cert: PeerCertificate) =>
            checkServerIdentity(profile.servername!, cert),
        }
      : {}),
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(profile.keyPassphrase !== null ? { passphrase: profile.keyPassphrase } : {}),
    ...(profile.alpn ? { ALPNProtocols: [...profile.alpn] } : {}),
  };
}

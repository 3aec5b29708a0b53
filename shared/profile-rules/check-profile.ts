import type { ProfileView } from '../settings';
import { didYouMean } from './did-you-mean';
import { PROFILE_KEYS, type ProfileKey } from './profile-keys';
import { checkGatewayId, checkHost, checkWsPath } from './profile-values';
import {
  checkBoolean,
  checkNameList,
  checkNonBlank,
  checkNumberChoice,
  checkText,
  checkWholeNumber,
  checkWord,
  type Checked,
} from './values';

/** Options that only mean something on a TLS connection. */
const TLS_ONLY: readonly ProfileKey[] = [
  'ca_file',
  'cert_file',
  'key_file',
  'key_passphrase',
  'servername',
  'alpn',
];

// The checks of one connection profile, in the words a technician reads: the settings loader in
// main and the profile form in the renderer both run this, so they cannot disagree.

/** The name of the built-in demo profile; a settings file may not use it. */
export const DEMO_PROFILE_NAME = 'demo';

/** `subscribe_topic` when the file gives only `gateway_id` (docs/ARCHITECTURE.md § Settings). */
export function defaultSubscribeTopic(gatewayId: string): string {
  return `v2/${gatewayId}/sensors/set`;
}

/** null when `name` can name a profile in the file; else what is wrong with it, in words. */
export function checkProfileName(name: string): string | null {
  if (name.trim() === '') return 'give the profile a name, e.g. recalc';
  if (name.trim() !== name) return `the profile name "${name}" starts or ends with a space; remove it`;
  if (/[\n\r\t]/.test(name)) return 'the profile name must be on one line';
  return null;
}

/**
 * A connection profile with its defaults applied: the renderer's view plus the secrets
 * themselves (which only main ever holds).
 */
export type CheckedProfile = Omit<ProfileView, 'hasPassword' | 'hasKeyPassphrase'> & {
  password: string | null;
  keyPassphrase: string | null;
};

/** Where problems go; the loader's list locates them by line, the form shows them by field. */
export interface ProblemSink {
  error(key: string | null, message: string): void;
  warning(key: string | null, message: string): void;
  readonly errorCount: number;
}

export interface ProfileContext {
  problems: ProblemSink;
  /** The path a certificate path written in the file stands for (main: resolved against the file's folder). */
  resolvePath: (written: string) => string;
  /** null when the file can be read, else the reason it cannot (the form, which cannot look, says null). */
  unreadable: (file: string) => string | null;
}

/**
 * Checks one profile mapping and applies the defaults. Every problem goes to `ctx.problems`;
 * returns null when any of them is an error, so a half-understood profile is never used.
 */
export function checkProfile(
  name: string,
  raw: Record<string, unknown>,
  ctx: ProfileContext,
): CheckedProfile | null {
  const { problems } = ctx;
  const errorsBefore = problems.errorCount;
  const at = (key: string): string => `${name}.${key}`;
  // `port:` with nothing after it reads as null: treat it as not given.
  const given = (key: ProfileKey): boolean => Object.hasOwn(raw, key) && raw[key] !== null;

  function read<T>(key: ProfileKey, check: (key: string, value: unknown) => Checked<T>): T | null {
    if (!given(key)) return null;
    const result = check(key, raw[key]);
    if (result.ok) return result.value;
    problems.error(at(key), result.message);
    return null;
  }

  for (const key of Object.keys(raw)) {
    if ((PROFILE_KEYS as readonly string[]).includes(key)) continue;
    const suggestion = didYouMean(key, PROFILE_KEYS);
    problems.warning(
      at(key),
      `unknown setting "${key}" in profile "${name}" is ignored` +
        (suggestion ? `; did you mean ${suggestion}?` : ''),
    );
  }

  if (name.trim().toLowerCase() === DEMO_PROFILE_NAME) {
    problems.error(
      name,
      `the profile name "${name}" is reserved for the built-in demo profile; give this profile another name`,
    );
  }

  const host = readHost(name, raw, problems, at);
  const transport = read('transport', (k, v) => checkWord(k, v, ['tcp', 'websockets'] as const)) ?? 'tcp';
  const explicitPort = read('port', (k, v) => checkWholeNumber(k, v, 1, 65535));

  const caFile = readPath('ca_file');
  const certFile = readPath('cert_file');
  const keyFile = readPath('key_file');
  const tls =
    read('tls', checkBoolean) ??
    (explicitPort === 8883 ||
      (transport === 'websockets' && explicitPort === 443) ||
      given('ca_file') ||
      given('cert_file'));
  const port = explicitPort ?? (transport === 'websockets' ? (tls ? 443 : 80) : tls ? 8883 : 1883);
  const tlsInsecure = read('tls_insecure', checkBoolean) ?? false;

  const username = read('username', checkNonBlank);
  const password = read('password', (k, v) => checkText(k, v, { secret: true }));
  const keyPassphrase = read('key_passphrase', (k, v) => checkText(k, v, { secret: true }));
  const alpn = read('alpn', checkNameList);
  const gatewayId = read('gateway_id', checkGatewayId);
  const wsPath = read('ws_path', checkWsPath);

  const profile: CheckedProfile = {
    name,
    demo: false,
    host: host ?? '',
    port,
    transport,
    wsPath: transport === 'websockets' ? (wsPath ?? '/mqtt') : null,
    tls,
    tlsInsecure,
    caFile,
    certFile,
    keyFile,
    servername: read('servername', checkNonBlank),
    alpn: alpn && alpn.length > 0 ? alpn : null,
    protocolVersion:
      read('protocol_version', (k, v) =>
        checkNumberChoice(k, v, [
          { value: 4, label: 'MQTT 3.1.1' },
          { value: 5, label: 'MQTT 5' },
        ] as const),
      ) ?? 4,
    clientId: read('client_id', checkNonBlank),
    keepalive: read('keepalive', (k, v) => checkWholeNumber(k, v, 0, 65535, ' of seconds')) ?? 60,
    username,
    password,
    keyPassphrase,
    gatewayId,
    subscribeTopic:
      read('subscribe_topic', checkNonBlank) ?? (gatewayId ? defaultSubscribeTopic(gatewayId) : null),
    qos:
      read('qos', (k, v) => checkNumberChoice(k, v, [{ value: 0 }, { value: 1 }, { value: 2 }] as const)) ??
      1,
    dataFormat:
      read('data_format', (k, v) => checkWord(k, v, ['per-channel', 'array'] as const)) ?? 'per-channel',
  };

  checkCombinations(profile, given, problems, at);
  return problems.errorCount > errorsBefore ? null : profile;

  /** A certificate path, resolved against the settings folder and checked for readability now. */
  function readPath(key: 'ca_file' | 'cert_file' | 'key_file'): string | null {
    const written = read(key, checkNonBlank);
    if (written === null) return null;
    const resolved = ctx.resolvePath(written);
    const reason = ctx.unreadable(resolved);
    if (reason !== null) {
      problems.error(
        at(key),
        `${key} cannot be read at ${resolved}: ${reason}. Relative paths start from the folder of this settings file`,
      );
    }
    return resolved;
  }
}

/** `ip` and its alias `host`: exactly one of them must name the broker. */
function readHost(
  name: string,
  raw: Record<string, unknown>,
  problems: ProblemSink,
  at: (key: string) => string,
): string | null {
  const hasIp = Object.hasOwn(raw, 'ip');
  const hasHost = Object.hasOwn(raw, 'host');
  if (hasIp && hasHost) {
    problems.error(at('host'), 'give either ip or host, not both (host is another name for ip)');
    return null;
  }
  const key = hasHost ? 'host' : 'ip';
  if (!hasIp && !hasHost) {
    problems.error(
      at('ip'),
      `profile "${name}" has no broker address; add ip: <host name or address> under it`,
    );
    return null;
  }
  if (raw[key] === null) {
    problems.error(
      at(key),
      `${key} is empty; give the broker's host name or address, e.g. broker.example.com`,
    );
    return null;
  }
  const result = checkHost(key, raw[key]);
  if (result.ok) return result.value;
  problems.error(at(key), result.message);
  return null;
}

/** Rules that involve more than one key. */
function checkCombinations(
  profile: CheckedProfile,
  given: (key: ProfileKey) => boolean,
  problems: ProblemSink,
  at: (key: string) => string,
): void {
  if (given('cert_file') && !given('key_file')) {
    problems.error(
      at('cert_file'),
      'cert_file is set but key_file is not; a client certificate needs its private key',
    );
  }
  if (given('key_file') && !given('cert_file')) {
    problems.error(
      at('key_file'),
      'key_file is set but cert_file is not; a private key needs its client certificate',
    );
  }
  if (given('key_passphrase') && !given('key_file')) {
    problems.warning(at('key_passphrase'), 'key_passphrase is ignored because no key_file is set');
  }
  if (profile.password !== null && profile.username === null) {
    problems.warning(
      at('password'),
      'password is set but username is not; most brokers refuse a password without a username',
    );
  }
  if (profile.tls && profile.tlsInsecure) {
    problems.warning(
      at('tls_insecure'),
      "certificate verification is off (tls_insecure: true): the broker's identity is not checked, so anyone in between could read the password and data; use this only for testing",
    );
  }
  if (!profile.tls) {
    const unused = [...TLS_ONLY.filter(given), ...(profile.tlsInsecure ? (['tls_insecure'] as const) : [])];
    for (const key of unused) {
      problems.warning(at(key), `${key} has no effect because TLS is off; set tls: true to use it`);
    }
  }
  if (profile.transport === 'tcp' && given('ws_path')) {
    problems.warning(at('ws_path'), 'ws_path is only used with transport: websockets; it is ignored for tcp');
  }
}

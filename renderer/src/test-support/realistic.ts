// Data shaped by the real types and filled the way main fills them (code tables from shared/),
// for the component tests: a refused broker, a TLS handshake, the demo's meter and stick.
import type { GatewayStatus, MeterStateView, MonitoredMeterView } from '../../../shared/gateway';
import type { AppInfo } from '../../../shared/ipc/contract';
import { explainConnack } from '../../../shared/mqtt/connack-codes';
import type { ConnectionOutcome, IncomingMessage, TlsDetails } from '../../../shared/mqtt/types';
import type { ProfileView, SettingsView } from '../../../shared/settings';
import { im871aInfo, meterState, session, statusWith } from '../live/test-data';

export const APP_INFO: AppInfo = {
  name: 'Gateway Diagnostics',
  version: '0.1.0',
  settingsSource: 'explicit',
};

export const TLS: TlsDetails = {
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  alpnProtocol: null,
  servername: 'broker.example.com',
  authorized: true,
  authorizationError: null,
  insecure: false,
  peer: {
    subject: 'CN=broker.example.com',
    issuer: 'CN=Gateway Diagnostics Test CA',
    subjectAltNames: ['DNS:broker.example.com', 'IP Address:127.0.0.1'],
    validFrom: 'Nov 25 10:00:00 2026 GMT',
    validTo: 'Nov 25 10:00:00 2027 GMT',
    serialNumber: '5A1F03',
    fingerprint256:
      '3B:9C:41:0E:77:AA:12:90:5D:E4:6F:0B:C8:21:9A:33:7E:50:D1:28:44:BF:06:93:EE:17:C5:62:8A:0D:4F:B1',
  },
};

/** What Mosquitto 2.0 answers a wrong password under MQTT 3.1.1 (docs/ARCHITECTURE.md § MQTT), as the session reports it. */
export function refusedOutcome(): ConnectionOutcome {
  const { code, text, hint } = explainConnack(5, 4);
  return {
    ok: false,
    kind: 'refused',
    code,
    protocolVersion: 4,
    text,
    hint,
    error: null,
    tls: TLS,
    retryable: false,
    endpoint: 'mqtts://broker.example.com:8883',
    clientId: 'gw-diag-laptop',
    sessionPresent: null,
    brokerProperties: null,
    at: '2026-11-25T12:00:02.000Z',
  };
}

export function acceptedOutcome(protocolVersion: 4 | 5 = 4): ConnectionOutcome {
  const { code, text } = explainConnack(0, protocolVersion);
  return {
    ...refusedOutcome(),
    ok: true,
    kind: 'accepted',
    code,
    text,
    hint: null,
    protocolVersion,
    tls: null,
  };
}

export const DEMO_METER = '32666857';

export function demoMeter(change: Partial<MeterStateView> = {}): MeterStateView {
  return meterState(DEMO_METER, {
    monitored: true,
    values: {
      'A+': { value: 1234.56, unit: 'kWh' },
      'A-': { value: 0.42, unit: 'kWh' },
      'P+': { value: 0.812, unit: 'kW' },
      'P-': { value: 0, unit: 'kW' },
    },
    valuesAt: '2026-11-25T12:00:01.000Z',
    lastSeen: '2026-11-25T12:00:01.000Z',
    rssi: 120,
    rssiDbm: -62,
    counts: { ok: 41, crc: 1, wrongKey: 0, noKey: 0, other: 0 },
    ...change,
  });
}

export const DEMO_MONITORED: MonitoredMeterView = {
  deviceId: DEMO_METER,
  manufacturerKey: 'kam',
  manufacturerDeviceKey: null,
  source: 'manual',
  addedAt: '2026-11-25T11:59:00.000Z',
  keyHint: 'B697',
  keyProtection: 'file-permissions',
};

/** The demo running: virtual stick receiving, session connected, one monitored meter with values. */
export function runningDemo(change: Partial<GatewayStatus> = {}): GatewayStatus {
  return statusWith({
    session: session('connected', { outcome: acceptedOutcome() }),
    stick: { state: 'receiving', path: 'virtual' },
    stickInfo: im871aInfo('01A2B3C4'),
    meters: [demoMeter()],
    monitored: [DEMO_MONITORED],
    ...change,
  });
}

export const stopped = (): GatewayStatus =>
  statusWith({ running: false, profile: null, demo: false, broker: null, port: null, linkMode: null });

export function profile(name: string, change: Partial<ProfileView> = {}): ProfileView {
  return {
    name,
    demo: false,
    host: 'broker.example.com',
    port: 8883,
    transport: 'tcp',
    wsPath: null,
    tls: true,
    tlsInsecure: false,
    caFile: null,
    certFile: null,
    keyFile: null,
    servername: null,
    alpn: null,
    protocolVersion: 4,
    clientId: null,
    keepalive: 60,
    username: 'gw-706462169',
    hasPassword: true,
    hasKeyPassphrase: false,
    gatewayId: '706462169',
    subscribeTopic: null,
    qos: 1,
    dataFormat: 'per-channel',
    ...change,
  };
}

export const PROFILES: ProfileView[] = [
  profile('demo', { demo: true, host: '127.0.0.1', port: 0, tls: false, username: null, hasPassword: false }),
  profile('recalc'),
  profile('recalc5', { protocolVersion: 5 }),
];

export const SETTINGS: SettingsView = {
  file: '/home/tech/.config/gateway-diagnostics/settings/secrets.yaml',
  loadedAt: '2026-11-25T11:58:00.000Z',
  profiles: PROFILES,
  problems: [],
};

export function incoming(
  topic: string,
  text: string,
  change: Partial<IncomingMessage> = {},
): IncomingMessage {
  const size = new TextEncoder().encode(text).length;
  let format: 'empty' | 'text' | 'json' = text === '' ? 'empty' : 'text';
  try {
    if (text !== '') JSON.parse(text);
    if (text !== '') format = 'json';
  } catch {
    // plain text
  }
  return {
    topic,
    qos: 1,
    retain: false,
    dup: false,
    payload: { format, size, text, hex: null, truncated: false, shownBytes: size },
    properties: null,
    receivedAt: '2026-11-25T12:00:05.000Z',
    ...change,
  };
}

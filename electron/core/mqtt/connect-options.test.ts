import { describe, expect, it } from 'vitest';
import { ConnectPlanError, buildConnectPlan, generatedClientId } from './connect-options';
import { testProfile } from './test-support/fixtures';

const files: Record<string, string> = {
  '/certs/ca.pem': 'CA',
  '/certs/client.pem': 'CERT',
  '/certs/client.key': 'KEY',
};
const deps = {
  readFile: (file: string) => {
    if (!(file in files)) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return Buffer.from(files[file]!);
  },
  connectTimeoutMs: 10_000,
  clientId: 'gw-diag-00000000',
};

describe('buildConnectPlan', () => {
  it('builds plain TCP MQTT 3.1.1 options with our own reconnect and no debug output', () => {
    const plan = buildConnectPlan(
      testProfile({ host: 'broker.example.com', port: 1883, keepalive: 45 }),
      deps,
    );
    expect(plan).toMatchObject({
      endpoint: 'mqtt://broker.example.com:1883',
      tlsOptions: null,
      wsUrl: null,
      clientId: 'gw-diag-00000000',
    });
    expect(plan.mqtt).toMatchObject({
      protocolVersion: 4,
      keepalive: 45,
      reconnectPeriod: 0,
      clean: true,
      connectTimeout: 10_000,
    });
    expect(plan.mqtt.log).toBeTypeOf('function');
    expect(plan.mqtt.username).toBeUndefined();
  });

  it('reads CA, certificate and key, and passes passphrase, servername, ALPN and credentials', () => {
    const plan = buildConnectPlan(
      testProfile({
        host: '10.1.2.3',
        port: 8883,
        tls: true,
        caFile: '/certs/ca.pem',
        certFile: '/certs/client.pem',
        keyFile: '/certs/client.key',
        keyPassphrase: 'kp',
        servername: 'broker.example.com',
        alpn: ['mqtt'],
        protocolVersion: 5,
        clientId: 'gw-diag-laptop',
        username: 'gw',
        password: 'pw',
      }),
      deps,
    );
    expect(plan.endpoint).toBe('mqtts://10.1.2.3:8883');
    expect(plan.certificateName).toBe('broker.example.com');
    expect(plan.tlsOptions).toMatchObject({
      host: '10.1.2.3',
      port: 8883,
      servername: 'broker.example.com',
      rejectUnauthorized: true,
      passphrase: 'kp',
      ALPNProtocols: ['mqtt'],
    });
    expect(plan.tlsOptions?.ca?.toString()).toBe('CA');
    expect(plan.mqtt).toMatchObject({
      protocolVersion: 5,
      clientId: 'gw-diag-laptop',
      username: 'gw',
      password: 'pw',
    });
    expect(plan.secrets.sort()).toEqual(['kp', 'pw']);
    expect(plan.endpoint + JSON.stringify(plan.credentials)).not.toContain('pw"');
  });

  it('sends no SNI for an IP address, and verifies against system roots without ca_file', () => {
    const plan = buildConnectPlan(testProfile({ host: '127.0.0.1', port: 8883, tls: true }), deps);
    expect(plan.tlsOptions?.servername).toBeUndefined();
    expect(plan.tlsOptions?.ca).toBeUndefined();
  });

  it('makes tls_insecure explicit', () => {
    const plan = buildConnectPlan(testProfile({ tls: true, tlsInsecure: true }), deps);
    expect(plan.tlsInsecure).toBe(true);
    expect(plan.tlsOptions?.rejectUnauthorized).toBe(false);
  });

  it('builds a WebSocket URL (wss with TLS), with IPv6 in brackets', () => {
    const plan = buildConnectPlan(
      testProfile({ host: '::1', port: 443, transport: 'websockets', wsPath: '/mqtt', tls: true }),
      deps,
    );
    expect(plan.wsUrl).toBe('wss://[::1]:443/mqtt');
    expect(plan.endpoint).toBe(plan.wsUrl);
  });

  it('names the unreadable file', () => {
    expect(() => buildConnectPlan(testProfile({ tls: true, caFile: '/nope/ca.pem' }), deps)).toThrow(
      ConnectPlanError,
    );
    expect(() => buildConnectPlan(testProfile({ tls: true, caFile: '/nope/ca.pem' }), deps)).toThrow(
      'ca_file /nope/ca.pem cannot be read: ENOENT',
    );
  });

  it('generates short client ids', () => {
    expect(generatedClientId('0123456789abcdef')).toBe('gw-diag-01234567');
  });
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { Profile } from '../settings/profile';
import { MqttSession } from './session';
import { startTestBroker, type TestBroker } from './test-support/aedes-broker';
import { makeTestCertificates, type TestCertificates } from './test-support/certs';
import { memoryLogger, testProfile } from './test-support/fixtures';

let certs: TestCertificates;
const brokers: Record<string, TestBroker> = {};

beforeAll(async () => {
  certs = makeTestCertificates();
  const read = (file: string) => fs.readFileSync(file);
  const serve = (pair: { cert: string; key: string }, extra = {}) =>
    startTestBroker({ tls: { cert: read(pair.cert), key: read(pair.key), ...extra } });
  brokers.good = await serve(certs.server);
  brokers.chain = await serve(
    { cert: certs.server.cert, key: certs.server.key },
    { cert: Buffer.concat([read(certs.server.cert), read(certs.ca)]) },
  );
  brokers.expired = await serve(certs.expired);
  brokers.otherHost = await serve(certs.otherHost);
  brokers.clientCert = await serve(certs.server, {
    ca: read(certs.ca),
    requestCert: true,
    rejectUnauthorized: true,
  });
  brokers.plain = await startTestBroker();
  brokers.wss = await startTestBroker({
    wsPath: '/mqtt',
    tls: { cert: read(certs.server.cert), key: read(certs.server.key) },
  });
});
afterAll(async () => {
  await Promise.all(Object.values(brokers).map((b) => b.close()));
  fs.rmSync(certs.dir, { recursive: true, force: true });
});

const PASSWORD = 'tls-test-password-9';

async function connectOnce(
  overrides: Partial<Profile>,
): Promise<{ outcome: ConnectionOutcome; logs: string[] }> {
  const logger = memoryLogger();
  const session = new MqttSession({
    profile: testProfile({ tls: true, username: 'gw', password: PASSWORD, ...overrides }),
    logger,
    reconnect: false,
    connectTimeoutMs: 5000,
    traceMqtt: true,
  });
  const outcome = session.nextOutcome();
  session.start();
  const result = await outcome;
  await session.stop();
  expect(JSON.stringify(result) + logger.lines.join('\n')).not.toContain(PASSWORD);
  return { outcome: result, logs: logger.lines };
}

describe('MqttSession over TLS (Aedes behind tls.createServer)', () => {
  it('connects with ca_file and reports protocol, cipher and the broker certificate', async () => {
    const { outcome } = await connectOnce({ port: brokers.good!.port, caFile: certs.ca });
    expect(outcome).toMatchObject({ ok: true, code: 0, endpoint: `mqtts://127.0.0.1:${brokers.good!.port}` });
    expect(outcome.tls).toMatchObject({
      protocol: 'TLSv1.3',
      authorized: true,
      authorizationError: null,
      insecure: false,
      peer: {
        subject: 'CN=localhost',
        issuer: 'CN=Gateway Diagnostics Test CA',
        subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      },
    });
    expect(outcome.tls?.cipher).toBeTruthy();
    expect(Date.parse(outcome.tls!.peer!.validTo)).toBeGreaterThan(Date.now());
  });

  it('connects over secure WebSockets (wss) with the same TLS checks and details', async () => {
    const { outcome } = await connectOnce({
      port: brokers.wss!.port,
      transport: 'websockets',
      wsPath: '/mqtt',
      caFile: certs.ca,
    });
    expect(outcome).toMatchObject({
      ok: true,
      endpoint: `wss://127.0.0.1:${brokers.wss!.port}/mqtt`,
      tls: { authorized: true },
    });
    const { outcome: failed } = await connectOnce({
      port: brokers.wss!.port,
      transport: 'websockets',
      wsPath: '/mqtt',
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
  });

  it('connects by host name (localhost) with SNI', async () => {
    const { outcome } = await connectOnce({ host: 'localhost', port: brokers.good!.port, caFile: certs.ca });
    expect(outcome).toMatchObject({ ok: true, tls: { servername: 'localhost' } });
  });

  it('names the fix for a private CA when no ca_file is given (system roots)', async () => {
    const { outcome } = await connectOnce({ port: brokers.good!.port });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'tls',
      retryable: false,
      error: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    });
    expect(outcome.hint).toMatch(/ca_file/);
  });

  it('says SELF_SIGNED_CERT_IN_CHAIN when the broker sends its self-signed CA along', async () => {
    const { outcome } = await connectOnce({ port: brokers.chain!.port });
    expect(outcome).toMatchObject({ kind: 'tls', error: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } });
    expect(outcome.hint).toMatch(/ca_file/);
  });

  it('says the ca_file is the wrong CA', async () => {
    const { outcome } = await connectOnce({ port: brokers.good!.port, caFile: certs.otherCa });
    expect(outcome.error?.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect(outcome.hint).toMatch(/not the CA|right CA/);
  });

  it('explains a host name the certificate does not list, and lists the names it does', async () => {
    const { outcome } = await connectOnce({ port: brokers.otherHost!.port, caFile: certs.ca });
    expect(outcome).toMatchObject({ kind: 'tls', error: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } });
    expect(outcome.text).toContain('not issued for 127.0.0.1');
    expect(outcome.text).toContain('DNS:broker.example.net');
    expect(outcome.hint).toMatch(/servername/);
  });

  it('accepts that certificate with servername set to its name', async () => {
    const { outcome } = await connectOnce({
      port: brokers.otherHost!.port,
      caFile: certs.ca,
      servername: 'broker.example.net',
    });
    expect(outcome).toMatchObject({ ok: true, tls: { servername: 'broker.example.net' } });
  });

  it('explains an expired certificate with its dates and our clock', async () => {
    const { outcome } = await connectOnce({ port: brokers.expired!.port, caFile: certs.ca });
    expect(outcome).toMatchObject({ kind: 'tls', error: { code: 'CERT_HAS_EXPIRED' } });
    expect(outcome.text).toContain('2020-01-31T00:00:00.000Z');
    expect(outcome.text).toMatch(/clock says \d{4}-/);
    expect(outcome.hint).toMatch(/clock/);
  });

  it('connects with tls_insecure but still reports what verification would have said', async () => {
    const { outcome } = await connectOnce({ port: brokers.expired!.port, tlsInsecure: true });
    expect(outcome).toMatchObject({ ok: true, tls: { insecure: true, authorized: false } });
    expect(outcome.tls?.authorizationError).toBeTruthy();
  });

  it('presents a client certificate whose key is protected by key_passphrase', async () => {
    const base = {
      port: brokers.clientCert!.port,
      caFile: certs.ca,
      certFile: certs.client.cert,
      keyFile: certs.client.key,
    };
    const good = await connectOnce({ ...base, keyPassphrase: certs.clientPassphrase });
    expect(good.outcome.ok).toBe(true);
    const wrong = await connectOnce({ ...base, keyPassphrase: 'not-the-passphrase' });
    expect(wrong.outcome).toMatchObject({ ok: false, kind: 'config' });
    expect(wrong.outcome.hint).toMatch(/key_passphrase/);
    expect(JSON.stringify(wrong)).not.toContain('not-the-passphrase');
  });

  it('explains a broker that requires a client certificate', async () => {
    const { outcome } = await connectOnce({ port: brokers.clientCert!.port, caFile: certs.ca });
    expect(outcome.ok).toBe(false);
    expect(`${outcome.text} ${outcome.hint}`).toMatch(/client certificate|cert_file/);
  });

  it('says the port does not speak TLS', async () => {
    const { outcome } = await connectOnce({ port: brokers.plain!.port, caFile: certs.ca });
    expect(outcome).toMatchObject({ ok: false, kind: 'tls' });
    expect(outcome.hint).toMatch(/tls: false/);
  });

  it('explains a plain connection to a TLS port', async () => {
    const { outcome } = await connectOnce({ port: brokers.good!.port, tls: false });
    expect(outcome.ok).toBe(false);
    expect(`${outcome.text} ${outcome.hint}`).toMatch(/tls/i);
  });

  it('reports an unreadable ca_file as a settings problem', async () => {
    const { outcome } = await connectOnce({ port: brokers.good!.port, caFile: '/nonexistent/ca.pem' });
    expect(outcome).toMatchObject({ kind: 'config', error: { code: 'ERR_FILE_UNREADABLE' } });
    expect(outcome.error?.message).toContain('/nonexistent/ca.pem');
  });
});

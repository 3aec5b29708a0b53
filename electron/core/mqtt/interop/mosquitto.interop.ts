import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../settings/profile';
import { Outbox } from '../outbox';
import { MqttSession } from '../session';
import { makeTestCertificates, type TestCertificates } from '../test-support/certs';
import { eventually, memoryLogger, testProfile } from '../test-support/fixtures';
import { requireMosquitto, startMosquitto, type Mosquitto } from '../test-support/mosquitto';

// The session against a real Mosquitto (Debian package): real CONNACK and SUBACK codes for
// MQTT 3.1.1 and 5, TLS, WebSockets, and a broker restart in the middle of publishing.

const PASSWORD = 'interop-Pa55word';
const FAST_RETRY = { initialMs: 50, maxMs: 400, factor: 2, jitter: 0.2 };

let dir: string;
let certs: TestCertificates;
let broker: Mosquitto;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  requireMosquitto();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-mosquitto-'));
  certs = makeTestCertificates(fs.mkdtempSync(path.join(dir, 'certs-')));
  broker = await startMosquitto({
    dir,
    certs,
    users: { gw: PASSWORD },
    acl: 'user gw\ntopic readwrite gw/#\ntopic readwrite restart/#\n',
    dynsec: [{ username: 'reader', password: PASSWORD, topics: ['allowed/#'] }],
  });
});
afterAll(async () => {
  await broker?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function session(profile: Partial<Profile>, outbox?: Outbox): MqttSession {
  const logger = memoryLogger();
  const s = new MqttSession({
    profile: testProfile({ username: 'gw', password: PASSWORD, ...profile }),
    logger,
    backoff: FAST_RETRY,
    connectTimeoutMs: 5000,
    traceMqtt: true,
    ...(outbox ? { outbox } : {}),
  });
  cleanups.push(async () => {
    await s.stop();
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
  });
  return s;
}

async function connected(s: MqttSession) {
  const outcome = s.nextOutcome();
  s.start();
  return outcome;
}

describe.each([4, 5] as const)('Mosquitto, MQTT %s', (protocolVersion) => {
  const v5 = protocolVersion === 5;

  it('accepts the right password on the plain and the TLS listener', async () => {
    expect(await connected(session({ port: broker.ports.plain, protocolVersion }))).toMatchObject({
      ok: true,
      code: 0,
    });
    const secure = await connected(
      session({ port: broker.ports.tls!, protocolVersion, tls: true, caFile: certs.ca }),
    );
    expect(secure).toMatchObject({
      ok: true,
      tls: { authorized: true, peer: { subject: 'CN=localhost', issuer: 'CN=Gateway Diagnostics Test CA' } },
    });
    expect(secure.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
  });

  it(`answers a wrong password with ${v5 ? '135 (0x87)' : '5'}, and the hint says so`, async () => {
    const s = session({ port: broker.ports.plain, protocolVersion, password: 'wrong-password' });
    const outcome = await connected(s);
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', code: v5 ? 135 : 5, retryable: false });
    expect(outcome.text).toMatch(/not authori[sz]ed/);
    expect(outcome.hint).toMatch(v5 ? /wrong password with 135/ : /wrong password with 5/);
    expect(outcome.hint).toMatch(/ACL/);
    expect(s.state).toBe('refused');
  });

  it(`grants an allowed subscription and refuses a forbidden one with ${v5 ? '0x87' : '0x80'}`, async () => {
    const s = session({ port: broker.ports.dynsec!, protocolVersion, username: 'reader' });
    await connected(s);
    const result = await s.subscribe([
      { topic: 'allowed/#', qos: 1 },
      { topic: 'forbidden/x', qos: 1 },
    ]);
    expect(result.ok).toBe(false);
    expect(result.topics[0]).toMatchObject({ grantedQos: 1, code: 1 });
    expect(result.topics[1]).toMatchObject({ grantedQos: null, code: v5 ? 0x87 : 0x80 });
    expect(result.topics[1]!.hint).toMatch(/ACL/);
  });

  it(
    v5
      ? 'shows the PUBACK reason when a publish is refused (0x87)'
      : 'gets a PUBACK even for a forbidden topic (3.1.1 has no reason)',
    async () => {
      const s = session({ port: broker.ports.dynsec!, protocolVersion, username: 'reader' });
      await connected(s);
      const result = await s.publish({ topic: 'forbidden/x', payload: 'x', qos: 1 });
      if (v5) {
        expect(result).toMatchObject({
          state: 'failed',
          ack: { packet: 'PUBACK', reasonCode: 0x87 },
          error: { code: 'ERR_PUBLISH_REFUSED' },
        });
        expect(result.ack?.hint).toMatch(/publish/);
      } else {
        expect(result).toMatchObject({ state: 'acknowledged', ack: { packet: 'PUBACK', reasonCode: 0 } });
      }
      expect(s.snapshot().outbox.count).toBe(0);
    },
  );

  it('talks to the WebSockets listener: publish and receive', async () => {
    const s = session({ port: broker.ports.ws, protocolVersion, transport: 'websockets', wsPath: '/mqtt' });
    const outcome = await connected(s);
    expect(outcome).toMatchObject({ ok: true, endpoint: `ws://127.0.0.1:${broker.ports.ws}/mqtt` });
    const received: string[] = [];
    s.on('message', (m) => received.push(m.payload.toString()));
    expect((await s.subscribe([{ topic: 'gw/ws/#', qos: 1 }])).ok).toBe(true);
    expect(await s.publish({ topic: 'gw/ws/1', payload: `hello v${protocolVersion}`, qos: 1 })).toMatchObject(
      {
        state: 'acknowledged',
      },
    );
    await eventually(() => received.includes(`hello v${protocolVersion}`));
  });

  it(
    'loses none of 1 000 QoS 1 messages when Mosquitto restarts in the middle',
    { timeout: 60_000 },
    async () => {
      const topic = `restart/v${protocolVersion}`;
      const seen: string[] = [];
      // The counting subscriber keeps a persistent session, so Mosquitto queues for it across the restart.
      const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, {
        clientId: `counter-v${protocolVersion}`,
        clean: false,
        username: 'gw',
        password: PASSWORD,
        reconnectPeriod: 100,
        protocolVersion,
        ...(v5 ? { properties: { sessionExpiryInterval: 300 } } : {}),
      });
      subscriber.on('message', (_t, payload) => seen.push(payload.toString()));
      cleanups.push(() => subscriber.endAsync());
      await subscriber.subscribeAsync(topic, { qos: 1 });

      const outboxDir = fs.mkdtempSync(path.join(dir, 'outbox-'));
      const s = session(
        { port: broker.ports.plain, protocolVersion },
        Outbox.open({ file: path.join(outboxDir, 'o.jsonl') }),
      );
      const states: string[] = [];
      s.on('state', (status) => states.push(status.state));
      await connected(s);

      const total = 1000;
      const pending = [];
      for (let i = 0; i < total; i++) {
        pending.push(s.publish({ topic, payload: `m${i}`, qos: 1 }));
        if (i === 400) {
          await eventually(() => seen.length > 100, 20_000, 'the first messages to arrive');
          await broker.restart();
        }
        if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await Promise.all(pending);
      await eventually(() => s.snapshot().outbox.count === 0, 30_000, 'the outbox to drain');
      await eventually(
        () => new Set(seen).size === total,
        30_000,
        `all ${total} messages (have ${new Set(seen).size})`,
      );

      expect(states).toContain('reconnecting');
      const distinct = [...new Set(seen)];
      expect(distinct).toHaveLength(total);
      expect(distinct.filter((text, i) => text !== `m${i}`)).toEqual([]);
    },
  );
});

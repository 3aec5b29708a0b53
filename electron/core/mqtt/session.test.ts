import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../shared/mqtt/types';
import { Outbox } from './outbox';
import { MqttSession } from './session';
import type { MqttSessionOptions } from './session-options';
import { freePort, startTestBroker, type TestBroker } from './test-support/aedes-broker';
import { eventually, memoryLogger, testProfile } from './test-support/fixtures';

const FAST_RETRY = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function session(options: Partial<MqttSessionOptions> & Pick<MqttSessionOptions, 'profile'>) {
  const logger = memoryLogger();
  const s = new MqttSession({ logger, backoff: FAST_RETRY, connectTimeoutMs: 5000, ...options });
  const states: SessionStatus[] = [];
  s.on('state', (status) => states.push(status));
  cleanups.push(() => s.stop());
  return { s, states, logger };
}

async function broker(options: Parameters<typeof startTestBroker>[0] = {}): Promise<TestBroker> {
  const b = await startTestBroker(options);
  cleanups.push(() => b.close());
  return b;
}

function tempOutbox(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-outbox-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'test.outbox.jsonl');
}

describe('MqttSession against Aedes (MQTT 3.1.1 over TCP)', () => {
  it('connects: idle → connecting → connected, with code 0 in words and a timestamp', async () => {
    const b = await broker();
    const { s, states } = session({ profile: testProfile({ port: b.port }) });
    expect(s.state).toBe('idle');
    const outcome = s.nextOutcome();
    s.start();
    expect(await outcome).toMatchObject({
      ok: true,
      kind: 'accepted',
      code: 0,
      text: 'Connection accepted.',
      tls: null,
    });
    expect(states.map((x) => x.state)).toEqual(['connecting', 'connected']);
    expect(states.every((x) => !Number.isNaN(Date.parse(x.at)))).toBe(true);
    expect((await outcome).clientId).toMatch(/^gw-diag-[0-9a-f]{8}$/);
  });

  it.each([
    [4, /bad user name or password/],
    [5, /not authorised/],
  ])('explains CONNACK %i and stops (state refused, no retry)', async (returnCode, words) => {
    const b = await broker({
      authenticate: (_client, _user, _password, done) =>
        done(Object.assign(new Error('nope'), { returnCode: returnCode as 4 | 5 }), false),
    });
    const { s, states } = session({
      profile: testProfile({ port: b.port, username: 'gw', password: 'hunter2-secret' }),
    });
    const outcome = s.nextOutcome();
    s.start();
    const result = await outcome;
    expect(result).toMatchObject({
      ok: false,
      kind: 'refused',
      code: returnCode,
      error: null,
      retryable: false,
    });
    expect(result.text).toMatch(words);
    expect(result.hint).toMatch(/password/);
    expect(result.hint).toContain('user name "gw" with a password');
    expect(states.at(-1)?.state).toBe('refused');
    expect(JSON.stringify(states)).not.toContain('hunter2-secret');
  });

  it('retries code 3 (server unavailable): it is temporary', async () => {
    let calls = 0;
    const b = await broker({
      authenticate: (_c, _u, _p, done) =>
        ++calls < 3
          ? done(Object.assign(new Error('busy'), { returnCode: 3 as const }), false)
          : done(null, true),
    });
    const { s, states } = session({ profile: testProfile({ port: b.port }) });
    s.start();
    await eventually(() => s.state === 'connected');
    expect(states.filter((x) => x.state === 'reconnecting').map((x) => x.outcome?.code)).toEqual([3, 3]);
  });

  it('explains a refused port (ECONNREFUSED) and keeps retrying with growing pauses', async () => {
    const port = await freePort();
    const { s, states } = session({ profile: testProfile({ port }) });
    const outcome = s.nextOutcome();
    s.start();
    expect(await outcome).toMatchObject({
      ok: false,
      kind: 'network',
      code: null,
      error: { code: 'ECONNREFUSED' },
      retryable: true,
    });
    expect((await outcome).hint).toMatch(/port.*firewall/);
    await eventually(() => states.filter((x) => x.state === 'reconnecting').length >= 3);
    const pauses = states
      .filter((x) => x.state === 'reconnecting')
      .map((x) => Date.parse(x.retryAt!) - Date.parse(x.at));
    expect(pauses[1]).toBeGreaterThan(pauses[0]!);
  });

  it('reconnects after the broker closes the connection, and subscriptions come back', async () => {
    const b = await broker();
    const { s, states } = session({ profile: testProfile({ port: b.port }) });
    const messages: string[] = [];
    s.on('message', (m) => messages.push(m.payload.toString()));
    s.start();
    await eventually(() => s.state === 'connected');
    expect((await s.subscribe([{ topic: 'echo/#', qos: 1 }])).topics[0]).toMatchObject({ grantedQos: 1 });
    b.dropClients();
    await eventually(() => states.some((x) => x.state === 'reconnecting'));
    expect(states.find((x) => x.state === 'reconnecting')?.outcome).toMatchObject({
      kind: 'closed',
      error: { code: 'ERR_CONNECTION_CLOSED' },
    });
    await eventually(() => s.state === 'connected');
    await eventually(() => b.aedes.connectedClients === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.publish({ topic: 'echo/1', payload: 'after reconnect', qos: 1 });
    await eventually(() => messages.includes('after reconnect'));
  });

  it('says "duplicate client id" when the broker keeps closing the connection right after accepting', async () => {
    const b = await broker();
    b.aedes.on('clientReady', (client) => setTimeout(() => client.close(), 5));
    const { s, states } = session({ profile: testProfile({ port: b.port, clientId: 'gw-diag-laptop' }) });
    s.start();
    await eventually(() => states.some((x) => x.outcome?.error?.code === 'ERR_KICKED_REPEATEDLY'));
    const kicked = states.find((x) => x.outcome?.error?.code === 'ERR_KICKED_REPEATEDLY')!.outcome!;
    expect(kicked.text).toContain('gw-diag-laptop');
    expect(kicked.hint).toMatch(/same client_id/);
  });

  it('publishes QoS 0, 1 and 2 with message id, state and the original result code', async () => {
    const b = await broker();
    const { s } = session({ profile: testProfile({ port: b.port }) });
    s.start();
    await eventually(() => s.state === 'connected');
    const r0 = await s.publish({ topic: 'v2/1/data', payload: 'zero', qos: 0 });
    const r1 = await s.publish({ topic: 'v2/1/data', payload: 'one', qos: 1 });
    const r2 = await s.publish({ topic: 'v2/1/data', payload: 'two', qos: 2 });
    expect(r0).toMatchObject({ state: 'sent', result: 0, resultText: 'success', messageId: null, ack: null });
    expect(r1).toMatchObject({ state: 'acknowledged', result: 0, ack: { packet: 'PUBACK', reasonCode: 0 } });
    expect(r2).toMatchObject({ state: 'acknowledged', result: 0, ack: { packet: 'PUBCOMP', reasonCode: 0 } });
    expect(r1.messageId).toBeGreaterThan(0);
    await eventually(() => b.received.length === 3);
    expect(s.snapshot().outbox.count).toBe(0);
  });

  it('keeps messages published while offline (result 4) and sends them in order once connected', async () => {
    const port = await freePort();
    const { s } = session({ profile: testProfile({ port }), outbox: Outbox.open({ file: tempOutbox() }) });
    s.start();
    await eventually(() => s.state === 'reconnecting');
    const queued = [];
    for (let i = 0; i < 20; i++) queued.push(await s.publish({ topic: 'q', payload: `m${i}`, qos: 1 }));
    expect(
      queued.every((r) => r.state === 'queued' && r.result === 4 && r.resultText === 'no connection'),
    ).toBe(true);
    const b = await broker({ port });
    await eventually(() => b.received.length === 20);
    expect(b.received.map((p) => p.payload.toString())).toEqual(queued.map((_, i) => `m${i}`));
    await eventually(() => s.snapshot().outbox.count === 0);
  });

  it('refuses new messages when the outbox is full instead of dropping old ones', async () => {
    const port = await freePort();
    const { s } = session({
      profile: testProfile({ port }),
      outbox: Outbox.open({ file: null, maxMessages: 3 }),
    });
    for (let i = 0; i < 3; i++)
      expect((await s.publish({ topic: 't', payload: `${i}`, qos: 1 })).state).toBe('queued');
    const refused = await s.publish({ topic: 't', payload: 'one too many', qos: 1 });
    expect(refused).toMatchObject({
      state: 'rejected',
      result: 15,
      resultText: 'queue full',
      error: { code: 'ERR_OUTBOX_FULL' },
    });
    expect(refused.error?.message).toMatch(/3 of 3 messages/);
    const wildcard = await s.publish({ topic: 'v2/+/data', payload: 'x', qos: 1 });
    expect(wildcard).toMatchObject({ state: 'rejected', result: 3, error: { code: 'ERR_INVALID_TOPIC' } });
    expect(s.snapshot().outbox.count).toBe(3);
  });

  it('explains a refused subscription (SUBACK 0x80) and a topic filter it cannot send', async () => {
    const b = await broker({
      authorizeSubscribe: (_client, sub, done) =>
        sub.topic.startsWith('secret/') ? done(null, null) : done(null, sub),
    });
    const { s } = session({ profile: testProfile({ port: b.port }) });
    s.start();
    await eventually(() => s.state === 'connected');
    const result = await s.subscribe([
      { topic: 'open/#', qos: 1 },
      { topic: 'secret/x', qos: 1 },
    ]);
    expect(result.ok).toBe(false);
    expect(result.topics[0]).toMatchObject({ grantedQos: 1, code: 1 });
    expect(result.topics[1]).toMatchObject({ grantedQos: null, code: 0x80 });
    expect(result.topics[1]!.hint).toMatch(/ACL/);
    const invalid = await s.subscribe('a/#/b');
    expect(invalid).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_TOPIC' } });
  });

  it('delivers incoming messages with topic, payload, QoS and retain', async () => {
    const b = await broker();
    const { s } = session({ profile: testProfile({ port: b.port }) });
    const got: Array<{ topic: string; text: string; qos: number; retain: boolean }> = [];
    s.on('message', (m) =>
      got.push({ topic: m.topic, text: m.payload.toString(), qos: m.qos, retain: m.retain }),
    );
    s.start();
    await eventually(() => s.state === 'connected');
    const other = await mqtt.connectAsync(`mqtt://127.0.0.1:${b.port}`);
    cleanups.push(() => other.endAsync());
    await other.publishAsync('v2/1/sensors/set', '[{"deviceId":"1"}]', { qos: 1, retain: true });
    await s.subscribe([{ topic: 'v2/1/sensors/set', qos: 1 }]);
    await eventually(() => got.length === 1);
    expect(got[0]).toEqual({ topic: 'v2/1/sensors/set', text: '[{"deviceId":"1"}]', qos: 1, retain: true });
  });

  it('connects over WebSockets and explains a wrong ws_path', async () => {
    const b = await broker({ wsPath: '/mqtt' });
    const { s } = session({
      profile: testProfile({ port: b.port, transport: 'websockets', wsPath: '/mqtt' }),
    });
    const outcome = s.nextOutcome();
    s.start();
    expect(await outcome).toMatchObject({ ok: true, endpoint: `ws://127.0.0.1:${b.port}/mqtt` });
    expect(await s.publish({ topic: 'ws/1', payload: 'over ws', qos: 1 })).toMatchObject({
      state: 'acknowledged',
    });

    const wrong = session({
      profile: testProfile({ port: b.port, transport: 'websockets', wsPath: '/nope' }),
    }).s;
    const failed = wrong.nextOutcome();
    wrong.start();
    expect(await failed).toMatchObject({
      ok: false,
      kind: 'protocol',
      error: { code: 'ERR_WS_UNEXPECTED_RESPONSE' },
    });
    expect((await failed).hint).toMatch(/ws_path/);
    expect(wrong.state).toBe('failed');
  });

  it('points at a message the broker keeps disconnecting over, and lets it be discarded', async () => {
    const b = await broker({
      authorizePublish: (_client, packet, done) => done(packet.topic === 'poison' ? new Error('no') : null),
    });
    const { s, states } = session({ profile: testProfile({ port: b.port }) });
    s.start();
    await eventually(() => s.state === 'connected');
    void s.publish({ topic: 'fine', payload: 'before', qos: 1 });
    const poison = s.publish({ topic: 'poison', payload: 'x'.repeat(100), qos: 1 });
    void s.publish({ topic: 'fine', payload: 'after', qos: 1 });
    await eventually(() =>
      states.some((x) => /message #\d+ \(topic "poison", 100 bytes\)/.test(x.outcome?.hint ?? '')),
    );
    const id = (await poison).outboxId;
    expect(s.discard(id)).toMatchObject({ state: 'failed', error: { code: 'ERR_DISCARDED' }, outboxId: id });
    await eventually(() => b.received.some((p) => p.payload.toString() === 'after'));
    expect(b.received.filter((p) => p.topic === 'fine').map((p) => p.payload.toString())).toContain('before');
    await eventually(() => s.snapshot().outbox.count === 0);
  });
});

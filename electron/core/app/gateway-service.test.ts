import { afterEach, describe, expect, it } from 'vitest';
import type { ExplainedTelegramView, GatewayStatus } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import { batchProblems } from '../../../shared/test-support/boundary-checks';
import { type AppCore } from './app-core';
import { APP_ORIGIN as APP, createTestAppCore } from './app-core-test-support';
import { DEMO_METER, DEMO_NEIGHBOUR, DEMO_WATER_METER } from '../demo';
import { eventually, memoryLogger } from '../mqtt/test-support/fixtures';

let core: AppCore | undefined;
/** Every event and status snapshot must reach the UI whole: parsed with its schema of the contract. */
const eventProblems: string[] = [];
afterEach(async () => {
  await core?.dispose();
  expect(eventProblems.splice(0)).toEqual([]);
});

function startCore() {
  const logger = memoryLogger();
  core = createTestAppCore({
    logger,
    demoIntervalMs: 40,
  });
  const batches: EventBatch[] = [];
  core.events.subscribe((b) => {
    batches.push(b);
    eventProblems.push(...batchProblems(b));
  });
  const call = (method: string, input?: unknown) => core!.router.handle({ origin: APP }, method, input);
  const events = () => batches.flatMap((b) => b.events);
  return { call, events, logger };
}

describe('gateway over the IPC contract (demo profile, virtual stick)', () => {
  it('starts the demo, streams telegrams and echo confirmations, shows live values, and stops', async () => {
    const { call, events, logger } = startCore();
    const ports = await call('ports.list');
    expect(ports.ok && (ports.value as Array<{ virtual: boolean }>).some((p) => p.virtual)).toBe(true);

    const started = await call('gateway.start', { profile: 'demo', port: 'virtual' });
    expect(started).toMatchObject({
      ok: true,
      value: { running: true, demo: true, linkMode: 'c1a', gatewayId: '706462169' },
    });

    await eventually(
      () => events().some((e) => e.stream === 'gateway.event' && e.payload.event === 'confirmed'),
      10_000,
      'an echo confirmation',
    );
    await eventually(
      () => {
        const last = events()
          .filter((e) => e.stream === 'gateway.status')
          .at(-1)?.payload as GatewayStatus | undefined;
        return last?.meters.some((m) => m.deviceId === '32666857' && m.values?.['A+'] !== undefined) ?? false;
      },
      10_000,
      'live values in a status snapshot',
    );
    const status = (await call('gateway.status')) as { ok: true; value: GatewayStatus };
    expect(status.value.session?.state).toBe('connected');
    expect(status.value.stickInfo).toMatchObject({ kind: 'im871a', module: 'iM871A', firmware: '0x14' });
    expect(status.value.monitored).toMatchObject([
      { deviceId: DEMO_METER.id, keyHint: 'B697' },
      { deviceId: DEMO_WATER_METER.id, keyHint: '4E61' },
    ]);
    const neighbour = status.value.meters.find((m) => m.deviceId === DEMO_NEIGHBOUR.id);
    expect(neighbour?.monitored).toBe(false);

    const stopped = await call('gateway.stop');
    expect(stopped).toMatchObject({ ok: true, value: { running: false } });
    expect(logger.lines.join('\n').toUpperCase()).not.toContain(DEMO_METER.keyHex);
    expect(logger.lines.join('\n').toUpperCase()).not.toContain(DEMO_WATER_METER.keyHex);
  });

  it('adds and removes a meter by hand without ever returning its key', async () => {
    const { call } = startCore();
    const added = await call('meters.add', { deviceId: '12345678', key: '000102030405060708090A0B0C0D0E0F' });
    expect(added).toMatchObject({
      ok: true,
      value: { monitored: [{ deviceId: '12345678', keyHint: '0E0F', source: 'manual' }] },
    });
    expect(JSON.stringify(added)).not.toContain('000102030405060708090A0B0C0D');
    expect(await call('meters.add', { deviceId: '1234', key: 'xyz' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const removed = (await call('meters.remove', { deviceId: '12345678' })) as {
      ok: true;
      value: GatewayStatus;
    };
    expect(removed.value.monitored).toEqual([]);
    expect(removed.value.revision).toBeGreaterThan(
      (added as { ok: true; value: GatewayStatus }).value.revision,
    );
    expect(await call('meters.remove', { deviceId: '12345678' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('explains an unknown profile instead of starting', async () => {
    const { call } = startCore();
    expect(await call('gateway.start', { profile: 'nope', port: 'virtual' })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS', message: /no profile "nope"/ },
    });
  });

  it('keeps the running gateway when Start names a profile that is gone', async () => {
    const { call } = startCore();
    expect(await call('gateway.start', { profile: 'demo', port: 'virtual' })).toMatchObject({ ok: true });
    expect(await call('gateway.start', { profile: 'gone', port: 'virtual' })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS' },
    });
    const status = (await call('gateway.status')) as { ok: true; value: GatewayStatus };
    expect(status.value).toMatchObject({ running: true, profile: 'demo' });
  });

  it('publishes and subscribes by hand through the running session, and says when nothing runs', async () => {
    const { call, events } = startCore();
    expect(await call('mqtt.publish', { topic: 'test/x', payload: '1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_RUNNING' },
    });
    await call('gateway.start', { profile: 'demo', port: 'virtual' });
    await eventually(
      () =>
        events().some(
          (e) => e.stream === 'gateway.status' && (e.payload as GatewayStatus).session?.state === 'connected',
        ),
      10_000,
      'connected',
    );
    const granted = await call('mqtt.subscribe', { topic: 'test/#', qos: 1 });
    expect(granted).toMatchObject({
      ok: true,
      value: { ok: true, topics: [{ topic: 'test/#', grantedQos: 1 }] },
    });
    const sent = await call('mqtt.publish', { topic: 'test/x', payload: '{"a":1}', qos: 1 });
    expect(sent).toMatchObject({ ok: true, value: { state: 'acknowledged', result: 0 } });
    await eventually(
      () =>
        events().some(
          (e) =>
            e.stream === 'mqtt.message' &&
            e.payload.topic === 'test/x' &&
            e.payload.payload.format === 'json',
        ),
      10_000,
      'the message back on the subscription',
    );
    expect(await call('mqtt.unsubscribe', { topic: 'test/#' })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
  });

  it('explains a pasted telegram byte by byte with a monitored or typed key', async () => {
    const { call } = startCore();
    const hci = 'a5820327442d2c5768663230028d201a13e00920dddf142f84b1107cae4e84dbcb98210fc275ddc868ce8d2554';
    const noKey = (await call('telegram.explain', { hex: hci })) as {
      ok: true;
      value: ExplainedTelegramView[];
    };
    expect(noKey.value[0]).toMatchObject({
      framing: 'hci',
      ok: false,
      error: { code: 'NO_KEY' },
      meter: { id: '32666857' },
    });
    const withKey = (await call('telegram.explain', {
      hex: hci,
      key: '9A25139E3244CC2E391A8EF6B915B697',
    })) as typeof noKey;
    expect(withKey.value[0]).toMatchObject({ ok: true, values: { 'A+': { value: 3.41, unit: 'kWh' } } });
    expect(withKey.value[0]!.fields.find((f) => f.name === 'C field')).toMatchObject({
      offset: 4,
      hex: '44',
    });
    expect(withKey.value[0]!.fields[0]).toMatchObject({ offset: 0, name: 'iM871A SOF' });
    expect(await call('telegram.explain', { hex: 'zz' })).toMatchObject({
      ok: true,
      value: [{ ok: false, error: { code: 'PARSE' } }],
    });
  });
});

import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayEventSchema } from '../../../shared/gateway';
import { schemaProblems } from '../../../shared/test-support/boundary-checks';
import { memoryLogger, eventually } from '../mqtt/test-support/fixtures';
import { DEMO_METER, demoProfile } from '../demo';
import { launchGateway } from '../app/launch-gateway';
import { MeterStore } from './meter-store';
import type { GatewayEvent } from './pipeline';
import type { GatewayRuntime } from './runtime';

const KEY_A = DEMO_METER.keyHex;
const KEY_B = '00112233445566778899AABBCCDDEEFF';
const GW = '706462169';

let runtime: GatewayRuntime | undefined;
let observer: mqtt.MqttClient | undefined;
/** Every event the pipeline emitted must reach the UI whole: parsed with GatewayEventSchema. */
const eventProblems: string[] = [];
afterEach(async () => {
  await observer?.endAsync();
  await runtime?.stop();
  expect(eventProblems.splice(0)).toEqual([]);
});

/** The demo wiring: in-process broker, virtual stick with two meters, nothing monitored yet. */
async function startDemo() {
  const logger = memoryLogger();
  runtime = await launchGateway({
    profile: demoProfile(),
    port: 'virtual',
    linkMode: 'c1a',
    meters: new MeterStore({ file: null }),
    simulatedMeters: [
      { id: DEMO_METER.id, key: Buffer.from(KEY_A, 'hex') },
      { id: '11112222', key: Buffer.from(KEY_B, 'hex') },
    ],
    virtualIntervalMs: 40,
    outboxFile: null,
    logger,
  });
  const events: GatewayEvent[] = [];
  runtime.pipeline.onEvent((e) => {
    events.push(e);
    eventProblems.push(...schemaProblems(GatewayEventSchema, e, `${e.event} event`));
  });
  runtime.start();
  observer = await mqtt.connectAsync(`mqtt://127.0.0.1:${runtime.profile.port}`);
  const seen: Array<{ topic: string; payload: Record<string, unknown> }> = [];
  observer.on('message', (topic, payload) => seen.push({ topic, payload: JSON.parse(payload.toString()) }));
  await observer.subscribeAsync([`v2/${GW}/+/data`, `v2/${GW}/+/config`]);
  return { events, seen, logger };
}

describe('gateway pipeline (demo: in-process broker + virtual stick)', () => {
  it('publishes nothing until the cloud names a meter, then config and data for that meter only, each echoed', async () => {
    const { events, seen, logger } = await startDemo();
    await eventually(() => events.filter((e) => e.event === 'telegram').length >= 4, 10_000, 'telegrams');
    expect(seen).toHaveLength(0);

    await observer!.publishAsync(
      `v2/${GW}/sensors/set`,
      JSON.stringify([{ deviceId: '32666857', manufacturerKey: 'kam', encryptionKey: KEY_A }]),
      { qos: 1 },
    );
    await eventually(
      () => seen.filter((m) => m.topic.endsWith('/data')).length >= 8,
      10_000,
      'data messages',
    );
    const config = seen.find((m) => m.topic === `v2/${GW}/kam-32666857/config`);
    expect((config?.payload['Channels'] as unknown[]).length).toBe(4);
    expect(seen.every((m) => m.topic.startsWith(`v2/${GW}/kam-32666857/`))).toBe(true);
    expect(
      seen
        .filter((m) => m.topic.endsWith('/data'))
        .map((m) => m.payload['channelNumber'])
        .slice(0, 4),
    ).toEqual([1, 2, 3, 4]);

    await eventually(() => events.some((e) => e.event === 'confirmed'), 10_000, 'echo confirmation');
    const state = runtime!.pipeline.meterStates().find((s) => s.deviceId === '32666857')!;
    expect(state).toMatchObject({ monitored: true, manufacturer: 'KAM' });
    expect(state.counts.ok).toBeGreaterThan(0);
    expect(state.values?.['A+']?.unit).toBe('kWh');
    const other = runtime!.pipeline.meterStates().find((s) => s.deviceId === '11112222')!;
    expect(other.monitored).toBe(false);
    expect(logger.lines.join('\n')).not.toContain(KEY_A);

    // Each message's first report carries its JSON, exactly as the broker delivered it; later
    // reports of the same message only change its state.
    const reports = events.filter((e) => e.event === 'published');
    const firstReports = new Map<number, (typeof reports)[number]>();
    for (const report of reports)
      if (!firstReports.has(report.outboxId)) firstReports.set(report.outboxId, report);
    expect([...firstReports.values()].every((r) => typeof r.payload === 'string')).toBe(true);
    expect(reports.filter((r) => r.payload !== undefined)).toHaveLength(firstReports.size);
    const configReport = [...firstReports.values()].find((r) => r.topic === config!.topic)!;
    expect(JSON.parse(configReport.payload!)).toEqual(config!.payload);
  });

  it('survives a malformed command and keeps the monitored set', async () => {
    const { events, seen } = await startDemo();
    await observer!.publishAsync(
      `v2/${GW}/sensors/set`,
      JSON.stringify([{ deviceId: '32666857', manufacturerKey: 'kam', encryptionKey: KEY_A }]),
    );
    await eventually(() => events.some((e) => e.event === 'command'), 10_000, 'command');
    await observer!.publishAsync(`v2/${GW}/sensors/set`, '{this is not json');
    await eventually(() => events.some((e) => e.event === 'command-refused'), 10_000, 'refusal');
    const before = seen.length;
    await eventually(() => seen.length > before + 4, 10_000, 'data after the bad command');
  });
});

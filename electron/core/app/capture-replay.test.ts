import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEventView } from '../../../shared/gateway';
import type { JsonLine } from '../../cli/test-support';
import { scratch } from '../capture/test-support/telegrams';
import { DEMO_METER } from '../demo';
import { MeterStore } from '../gateway';
import { eventually, memoryLogger } from '../mqtt/test-support/fixtures';
import { essence, expectCliReplayMatchesLive, recordDemoCapture } from './test-support/demo-capture';
import { REPLAY_UNPUBLISHED, ReplayRun } from './replay-run';

// A capture recorded from the virtual stick of the demo (its own broker, its meters: the monitored
// OmniPower and Multical 21, the unmonitored neighbour) and replayed: by `cli replay` and by the
// app's replay, both must give the decoded values the live gateway had, and the replay publishes
// nothing.

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;

const tmp = scratch('capture-replay');
const FILE = tmp.file('demo.gdcap.gz');
const live: TelegramEvent[] = [];
const published: string[] = [];

beforeAll(async () => {
  const recorded = await recordDemoCapture(
    FILE,
    'im871a',
    (telegrams, confirmed) => telegrams.length >= 30 && confirmed.length >= 8,
  );
  live.push(...recorded.live);
  published.push(...recorded.confirmed);
}, 30_000);

afterAll(() => tmp.remove());

function records(): JsonLine[] {
  return zlib
    .gunzipSync(fs.readFileSync(FILE))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonLine);
}

/** What must agree between live and replay, per telegram. */

describe('a capture of the demo, replayed', () => {
  it('holds the header, the serial reads, every telegram with its outcome, MQTT both ways, stick and session', () => {
    const [header, ...rest] = records();
    expect(header).toMatchObject({
      format: 'gdcap',
      version: 1,
      app: 'Gateway Diagnostics test',
      port: 'virtual',
      linkMode: 'c1a',
      profile: 'demo',
      demo: true,
      raw: true,
    });
    const types = new Set(rest.map((r) => r['type'] as string));
    for (const type of [
      'rx',
      'telegram',
      'mqtt-out',
      'mqtt-in',
      'mqtt-result',
      'echo',
      'session',
      'stick',
      'stick-info',
    ])
      expect(types, type).toContain(type);
    expect(rest.at(-1)).toMatchObject({ type: 'end', dropped: 0, records: rest.length - 1 });
    const telegrams = rest.filter((r) => r['type'] === 'telegram');
    expect(telegrams.map(essence)).toEqual(live.map(essence));
    expect(telegrams.every((r) => /^44/.test(r['frame'] as string))).toBe(true);
    // A telegram heard before the link mode (with RSSI on) was set has none, as on a real stick.
    expect(telegrams.map((r) => r['rssiDbm'])).toEqual(live.map((e) => e.rssiDbm));
    expect(telegrams.filter((r) => typeof r['rssi'] === 'number').length).toBeGreaterThan(live.length / 2);
    const acked = rest.filter((r) => r['type'] === 'mqtt-result' && r['state'] === 'acknowledged');
    expect(acked.length).toBeGreaterThanOrEqual(published.length);
  });

  it('cli replay decodes every telegram into the values and signal the live gateway had', async () => {
    await expectCliReplayMatchesLive(FILE, live, 'hci');
  });

  it('the app replays it through the gateway pipeline into the same values, publishing nothing', async () => {
    const events: GatewayEventView[] = [];
    let progressed = 0;
    const replay = await ReplayRun.open({
      file: FILE,
      speed: null,
      // The technician's own store is empty: a demo capture decodes with the demo's meters.
      meters: new MeterStore({ file: null }),
      logger: memoryLogger(),
      onProgress: () => progressed++,
    });
    replay.pipeline.onEvent((event) => events.push(event));
    replay.start();
    await eventually(() => replay.view().finished, 10_000, 'the replay to finish');
    await replay.stop();

    const telegrams = events.filter((e): e is TelegramEvent => e.event === 'telegram');
    expect(telegrams.map(essence)).toEqual(live.map(essence));
    expect(events.filter((e) => e.event !== 'telegram')).toEqual([]);
    const monitored = telegrams.filter((e) => e.monitored && e.ok);
    expect(monitored.length).toBeGreaterThan(0);
    expect(monitored.every((e) => !e.published && e.unpublishedReason === REPLAY_UNPUBLISHED)).toBe(true);
    expect(replay.view()).toMatchObject({
      format: 'gdcap',
      finished: true,
      telegrams: live.length,
      problemCount: 0,
      recordedWith: expect.stringContaining('profile demo'),
    });
    const meter = replay.pipeline.meterStates().find((m) => m.deviceId === DEMO_METER.id);
    expect(meter?.values).toEqual(live.filter((e) => e.deviceId === DEMO_METER.id && e.ok).at(-1)?.values);
    expect(progressed).toBeGreaterThan(0);
  });
});

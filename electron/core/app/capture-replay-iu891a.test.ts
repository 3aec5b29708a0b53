import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEventView } from '../../../shared/gateway';
import { runCliCaptured } from '../../cli/test-support';
import { scratch } from '../capture/test-support/telegrams';
import { DEMO_METER, DEMO_WATER_METER } from '../demo';
import { recordDemoCapture } from './test-support/demo-capture';

// A capture of the demo on the virtual iU891A: its serial bytes are SLIP frames, and a replay must
// read them with the iU891A's framer to find the telegrams the live gateway decoded.

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;

const tmp = scratch('capture-replay-iu891a');
const FILE = tmp.file('demo-iu891a.gdcap.gz');
const live: TelegramEvent[] = [];

beforeAll(async () => {
  live.push(...(await recordDemoCapture(FILE, 'iu891a', (telegrams) => telegrams.length >= 12)).live);
}, 30_000);

afterAll(() => tmp.remove());

const essence = (e: { deviceId?: unknown; ok?: unknown; values?: unknown }) => [e.deviceId, e.ok, e.values];

describe('a capture of the virtual iU891A, replayed', () => {
  it('names the stick and holds its SLIP bytes', () => {
    const lines = zlib
      .gunzipSync(fs.readFileSync(FILE))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l['type'] === 'stick-info')).toMatchObject({
      kind: 'iu891a',
      module: 'iU891A-XL',
    });
    const rx = lines.filter((l) => l['type'] === 'rx').map((l) => l['hex'] as string);
    expect(rx.length).toBeGreaterThan(0);
    expect(rx.every((hex) => hex.startsWith('c0'))).toBe(true);
  });

  it('cli replay decodes every telegram into the values the live gateway decoded', async () => {
    const meters = [DEMO_METER, DEMO_WATER_METER].flatMap((m) => ['--meter', `${m.id}=${m.keyHex}`]);
    const run = await runCliCaptured(['replay', FILE, ...meters]);
    expect(run.code).toBe(0);
    expect(
      run.stdout.map((line) => [line['meter']?.id ?? null, line['ok'], line['ok'] ? line['values'] : null]),
    ).toEqual(live.map(essence));
    // Read as the stick sent them, with its signal.
    expect(run.stdout.every((line) => line['framing'] === 'iu891a')).toBe(true);
    expect(run.stdout.map((line) => line['rssiDbm'])).toEqual(live.map((e) => e.rssiDbm));
    expect(live.some((e) => typeof e.rssiDbm === 'number')).toBe(true);
    expect(run.stderr).toContain(`replayed ${live.length} telegrams`);
  });
});

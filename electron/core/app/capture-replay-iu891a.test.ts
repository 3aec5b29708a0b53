import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEventView } from '../../../shared/gateway';
import { scratch } from '../capture/test-support/telegrams';
import { expectCliReplayMatchesLive, recordDemoCapture } from './test-support/demo-capture';

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

  it('cli replay decodes every telegram into the values and signal the live gateway had', async () => {
    expect(live.some((e) => typeof e.rssiDbm === 'number')).toBe(true);
    await expectCliReplayMatchesLive(FILE, live, 'iu891a');
  });
});

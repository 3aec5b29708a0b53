import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureWriter } from '../core/capture';
import {
  METER_ID,
  METER_KEY_HEX,
  omniPowerTelegrams,
  scratch,
  SIMULATION_OMNIPOWER,
} from '../core/capture/test-support/telegrams';
import { runCliCaptured } from './test-support';

// `cli replay` against `cli decode`: the same telegrams give the same JSON lines, whichever file
// they come from; and a capture exported for wmbusmeters replays into the same values.

const tmp = scratch('cli-replay');
const CAPTURE = tmp.file('meter.gdcap.gz');
const METER = ['--meter', `${METER_ID}=${METER_KEY_HEX}`];
const telegrams = omniPowerTelegrams(16);

beforeAll(async () => {
  const writer = await CaptureWriter.open({
    file: CAPTURE,
    header: {
      app: 'test',
      port: '/dev/ttyUSB0',
      linkMode: 'c1a',
      profile: 'lab',
      demo: false,
      gatewayId: '706462169',
      broker: null,
      stick: null,
      raw: true,
    },
  });
  // Two telegrams per serial read and one split over two reads, as a USB adapter delivers them.
  const stream = Buffer.concat(telegrams.map((t) => t.hci));
  for (let at = 0, i = 0; at < stream.length; at += 61, i++)
    writer.write({ t: 15_000 * i, type: 'rx', hex: stream.subarray(at, at + 61).toString('hex') });
  await writer.close();
});
afterAll(() => tmp.remove());

/** decode's output without the fields that say where in the input a frame was. */
const withoutPlace = (lines: Array<Record<string, unknown>>) =>
  lines.map(({ line: _l, offset: _o, ...rest }) => rest);

describe('cli replay', () => {
  it('prints for a capture exactly what decode prints for the same stick frames', async () => {
    const hexes = telegrams.map((t) => t.hci.toString('hex'));
    const decoded = await runCliCaptured(['decode', ...METER, '--explain', ...hexes]);
    const replayed = await runCliCaptured(['replay', CAPTURE, ...METER, '--explain']);
    expect(replayed.code).toBe(0);
    expect(withoutPlace(replayed.stdout)).toEqual(withoutPlace(decoded.stdout));
    expect(replayed.stdout.filter((l) => l['ok'])).toHaveLength(16);
    // Lines point into the capture: the read that completed each frame.
    expect(replayed.stdout.map((l) => l['line'])).toEqual(
      [...replayed.stdout.map((l) => l['line'])].sort((a, b) => a - b),
    );
    expect(replayed.stdout[0]!['line']).toBeGreaterThan(1);
  });

  it('stamps API v2 messages with the recorded time, not the time of the replay', async () => {
    const replayed = await runCliCaptured(['replay', CAPTURE, ...METER, '--gateway', '706462169']);
    const stamps = replayed.stdout.map((l) => l['publish'][0].payload.timestamp as string);
    const header = JSON.parse(
      (await import('node:zlib')).gunzipSync(fs.readFileSync(CAPTURE)).toString().split('\n')[0]!,
    ) as { startedAt: string };
    const start = Date.parse(header.startedAt);
    expect(Date.parse(stamps[0]!)).toBeGreaterThanOrEqual(Math.floor(start / 1000) * 1000);
    expect(Date.parse(stamps.at(-1)!) - Date.parse(stamps[0]!)).toBeGreaterThan(60_000);
  });

  it('replays the OmniPower simulation file of wmbusmeters as decode decodes its hex', async () => {
    const file = tmp.file('simulation_omnipower.txt');
    fs.writeFileSync(file, `${SIMULATION_OMNIPOWER}\n`);
    const replayed = await runCliCaptured(['replay', file, ...METER, '--wmbusmeters']);
    const decoded = await runCliCaptured([
      'decode',
      ...METER,
      '--wmbusmeters',
      SIMULATION_OMNIPOWER.replaceAll('|', '').slice(9),
    ]);
    expect(replayed.stdout).toHaveLength(1);
    expect(replayed.stdout[0]).toMatchObject({ ok: true, framing: 'wmbus', meter: { id: METER_ID } });
    const drop = ({ wmbusmeters, ...rest }: Record<string, unknown>) => ({
      ...rest,
      wmbusmeters: { ...(wmbusmeters as object), timestamp: null },
    });
    expect(replayed.stdout.map(drop)).toEqual(decoded.stdout.map(drop));
  });

  it('exports a capture as a wmbusmeters simulation that replays into the same values', async () => {
    const exported = tmp.file('export.txt');
    const run = await runCliCaptured(['replay', CAPTURE, '--to-wmbusmeters', exported]);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      { event: 'exported', format: 'wmbusmeters', file: exported, telegrams: 16, skipped: 0, problems: 0 },
    ]);
    const lines = fs.readFileSync(exported, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(2);
    const telegramLines = lines.filter((l) => l.startsWith('telegram='));
    expect(telegramLines[0]).toMatch(/^telegram=\|\|[0-9A-F]+\|\+0$/);
    // The last frame completes in the last read; reads are 15 s apart, the first frame in the first.
    const reads = Math.ceil(telegrams.reduce((n, t) => n + t.hci.length, 0) / 61);
    expect(telegramLines.at(-1)).toMatch(new RegExp(`\\|\\+${15 * (reads - 1)}$`));
    const fromCapture = await runCliCaptured(['replay', CAPTURE, ...METER]);
    const fromExport = await runCliCaptured(['replay', exported, ...METER]);
    const values = (lines: Array<Record<string, unknown>>) => lines.map((l) => [l['ok'], l['values']]);
    expect(values(fromExport.stdout)).toEqual(values(fromCapture.stdout));
  });

  it('reports an unreadable line in decode shape, with its number, and goes on', async () => {
    const file = tmp.file('sim-bad.txt');
    fs.writeFileSync(file, `telegram=|zz|\ntelegram=|2744|+later\n${SIMULATION_OMNIPOWER}\n`);
    const run = await runCliCaptured(['replay', file, ...METER]);
    expect(run.code).toBe(0);
    expect(run.stdout.map((l) => [l['line'], l['ok'], l['error']?.code ?? null])).toEqual([
      [1, false, 'PARSE'],
      [2, false, 'PARSE'],
      [3, true, null],
    ]);
    expect(run.stderr).toContain('line 2: the time after "+" must be whole seconds');
  });

  it('exits 2 for usage and for a file of no known format, in words', async () => {
    expect(await runCliCaptured(['replay'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('one FILE'),
    });
    expect(await runCliCaptured(['replay', CAPTURE, '--format', 'pcap'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be one of gdcap, wmbusmeters, hci'),
    });
    const notes = tmp.file('notes.md');
    fs.writeFileSync(notes, '# what I saw\n');
    expect(await runCliCaptured(['replay', notes])).toMatchObject({
      code: 2,
      stdout: [],
      stderr: expect.stringContaining('text but neither a capture'),
    });
  });
});

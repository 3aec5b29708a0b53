import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplayFile } from './open-replay';
import type { ReplayItem } from './replay-item';
import { omniPowerTelegrams, scratch } from './test-support/telegrams';
import { CaptureWriter } from './writer';

// A capture may end badly: the process killed while a line was written, the disk full, a gzip
// stream without its end. Everything before the damage replays; the damage is named by line.

const tmp = scratch('capture-damage');
afterAll(() => tmp.remove());

const HEADER = {
  app: 'test',
  port: '/dev/ttyUSB0',
  linkMode: 'c1a',
  profile: 'lab',
  demo: false,
  gatewayId: '1',
  broker: null,
  stick: null,
  raw: true,
};

async function collect(items: AsyncIterable<ReplayItem>): Promise<ReplayItem[]> {
  const out: ReplayItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function writeCapture(file: string, count: number): Promise<string[]> {
  const telegrams = omniPowerTelegrams(count);
  const writer = await CaptureWriter.open({ file, header: HEADER });
  for (const t of telegrams) writer.write({ t: writer.elapsed(), type: 'rx', hex: t.hci.toString('hex') });
  await writer.close();
  return telegrams.map((t) => t.hci.toString('hex'));
}

describe('a damaged capture', () => {
  it('reports a last line cut short with its number, and replays every line before it', async () => {
    const file = tmp.file('cut.gdcap');
    const hexes = await writeCapture(file, 10);
    const text = fs.readFileSync(file, 'utf8').split('\n');
    // Header, 10 rx lines, the end record: keep the header and 6 rx lines, and half of the 7th.
    const seventh = text[7]!;
    fs.writeFileSync(file, `${text.slice(0, 7).join('\n')}\n${seventh.slice(0, seventh.length / 2)}`);
    const items = await collect((await openReplayFile(file)).items);
    expect(items.filter((i) => i.kind === 'telegram').map((i) => i.kind === 'telegram' && i.hex)).toEqual(
      hexes.slice(0, 6),
    );
    expect(items.at(-1)).toEqual({
      kind: 'problem',
      line: 8,
      message: expect.stringContaining('line 8 is cut short'),
    });
  });

  it('names a garbage line in the middle and replays the lines after it', async () => {
    const file = tmp.file('garbage.gdcap');
    const hexes = await writeCapture(file, 4);
    const text = fs.readFileSync(file, 'utf8').split('\n');
    text.splice(3, 0, '{"t":12,"type":"rx","hex":"a582'); // line 4: not JSON, though a newline follows
    fs.writeFileSync(file, text.join('\n'));
    const items = await collect((await openReplayFile(file)).items);
    expect(
      items.map((i) => (i.kind === 'telegram' ? i.hex : `${i.line}: ${i.message.split(':')[0]}`)),
    ).toEqual([hexes[0], hexes[1], '4: line 4 is not a JSON record', hexes[2], hexes[3]]);
  });

  it('reads a gzip capture cut short (no gzip end) up to where it stops, and says so', async () => {
    const file = tmp.file('cut.gdcap.gz');
    const hexes = await writeCapture(file, 400);
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const items = await collect((await openReplayFile(file)).items);
    const replayed = items.flatMap((i) => (i.kind === 'telegram' ? [i.hex] : []));
    expect(replayed.length).toBeGreaterThan(100);
    expect(replayed.length).toBeLessThan(400);
    expect(replayed).toEqual(hexes.slice(0, replayed.length));
    expect(items.at(-1)).toMatchObject({
      kind: 'problem',
      message: expect.stringMatching(/compressed file ends early/),
    });
  });
});

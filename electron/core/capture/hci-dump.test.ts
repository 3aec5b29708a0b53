import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HciTelegrams, type ReplayItem } from './replay-item';
import { openReplayFile } from './open-replay';
import { omniPowerTelegrams, scratch } from './test-support/telegrams';
import { encodeHciFrame } from '../stick';
import { indicationMessage, slip, withCrc } from '../inspect/iu891a-test-support';

// Raw stick byte dumps (what `cat /dev/ttyUSB0 > dump.bin` or a serial monitor saves): frames
// split anywhere, noise, the stick's answers to requests, and a frame damaged on the line.

const tmp = scratch('hci-dump');
afterAll(() => tmp.remove());

const telegrams = omniPowerTelegrams(6);
const PING_ANSWER = encodeHciFrame({ endpoint: 1, messageId: 0x02 });
const NOISE = Buffer.from('0000a5ff13a5', 'hex');

function damaged(frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  copy[10]! ^= 0xff;
  return copy;
}

/** ping answer, t0, noise, t1, t2 damaged, t3, noise, t4, t5 */
const DUMP = Buffer.concat([
  PING_ANSWER,
  telegrams[0]!.hci,
  NOISE,
  telegrams[1]!.hci,
  damaged(telegrams[2]!.hci),
  telegrams[3]!.hci,
  NOISE,
  telegrams[4]!.hci,
  telegrams[5]!.hci,
]);

async function collect(items: AsyncIterable<ReplayItem>): Promise<ReplayItem[]> {
  const out: ReplayItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const expectedHex = [
  telegrams[0]!.hci,
  telegrams[1]!.hci,
  damaged(telegrams[2]!.hci),
  telegrams[3]!.hci,
  telegrams[4]!.hci,
  telegrams[5]!.hci,
].map((b) => b.toString('hex'));

describe('raw HCI dumps', () => {
  it('splits a binary dump into its telegrams: noise and answers skipped, a damaged frame kept as read', async () => {
    fs.writeFileSync(tmp.file('dump.bin'), DUMP);
    const replay = await openReplayFile(tmp.file('dump.bin'));
    expect(replay.format).toBe('hci');
    const items = await collect(replay.items);
    expect(items.map((i) => i.kind === 'telegram' && i.hex).sort()).toEqual([...expectedHex].sort());
    // Numbered by their place in the dump; the damaged frame has no wM-Bus frame to export.
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(items.filter((i) => i.kind === 'telegram' && i.wmbus === null)).toHaveLength(1);
  });

  it('joins frames split over every possible pair of reads', () => {
    for (let cut = 1; cut < DUMP.length; cut += 7) {
      const hci = new HciTelegrams();
      const items = [...hci.push(DUMP.subarray(0, cut), 1, null), ...hci.push(DUMP.subarray(cut), 2, null)];
      expect(items.map((i) => i.hex).sort(), `cut at ${cut}`).toEqual([...expectedHex].sort());
      expect(hci.leftover).toBe(0);
    }
  });

  it('reads the same bytes written as hex text, in lines of any length', async () => {
    const hex = DUMP.toString('hex');
    const text = hex.match(/.{1,50}/g)!.map((line) => line.replace(/(..)/g, '$1 ').trim());
    fs.writeFileSync(tmp.file('dump.txt'), `${text.join('\n')}\n`);
    const replay = await openReplayFile(tmp.file('dump.txt'));
    expect(replay.format).toBe('hci');
    const items = await collect(replay.items);
    expect(items.map((i) => i.kind === 'telegram' && i.hex).sort()).toEqual([...expectedHex].sort());
  });

  it('is forced with a format when the content could be read otherwise', async () => {
    fs.writeFileSync(tmp.file('one-frame.txt'), `${telegrams[0]!.hci.toString('hex')}\n`);
    const items = await collect((await openReplayFile(tmp.file('one-frame.txt'), 'hci')).items);
    expect(items).toMatchObject([{ kind: 'telegram', line: 1, hex: telegrams[0]!.hci.toString('hex') }]);
  });
});

describe('raw iU891A dumps', () => {
  // The same telegrams as an iU891A sends them: SLIP-framed receive indications, built by hand.
  const indications = telegrams.map((t, i) => slip(indicationMessage(t.frame, 1000 + i, -60 - i)));
  const PING_RESPONSE = slip(withCrc([0x01, 0x02, 0x00]));
  // The dump starts in the middle of a frame, as `cat /dev/ttyUSB0` started late would.
  const IU_DUMP = Buffer.concat([indications[0]!.subarray(9), PING_RESPONSE, ...indications.slice(1)]);

  it('finds the telegrams in a binary dump that starts mid-frame, each as the stick sent it', async () => {
    fs.writeFileSync(tmp.file('iu891a.bin'), IU_DUMP);
    const replay = await openReplayFile(tmp.file('iu891a.bin'));
    expect(replay.format).toBe('hci');
    const items = await collect(replay.items);
    const found = items.filter((i) => i.kind === 'telegram');
    expect(found.map((i) => i.hex)).toEqual(indications.slice(1).map((b) => b.toString('hex')));
    expect(found.map((i) => i.wmbus)).toEqual(
      telegrams.slice(1).map((t) => Buffer.concat([Buffer.of(t.frame.length), t.frame]).toString('hex')),
    );
  });

  it('reads the same bytes written as hex text', async () => {
    const lines = Buffer.concat(indications)
      .toString('hex')
      .match(/.{1,64}/g)!;
    fs.writeFileSync(tmp.file('iu891a.txt'), `${lines.join('\n')}\n`);
    const items = await collect((await openReplayFile(tmp.file('iu891a.txt'))).items);
    expect(items.map((i) => i.kind === 'telegram' && i.hex)).toEqual(
      indications.map((b) => b.toString('hex')),
    );
  });
});

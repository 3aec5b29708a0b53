import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureError } from './errors';
import { serializeRecord, type CaptureHeader, type CaptureRecord } from './format';
import { openReplayFile } from './open-replay';
import { redactText } from './redact';
import type { ReplayItem } from './replay-item';
import { omniPowerTelegrams, scratch } from './test-support/telegrams';
import { CaptureWriter } from './writer';

const tmp = scratch('capture-format');
afterAll(() => tmp.remove());

const HEADER: Omit<CaptureHeader, 'format' | 'version' | 'startedAt'> = {
  app: 'Gateway Diagnostics test',
  port: 'virtual',
  linkMode: 'c1a',
  profile: 'demo',
  demo: true,
  gatewayId: '706462169',
  broker: '127.0.0.1:1883',
  stick: { kind: 'im871a', module: 'iM871A', firmware: '0x14', uniqueId: '56495254' },
  raw: true,
};

async function collect(items: AsyncIterable<ReplayItem>): Promise<ReplayItem[]> {
  const out: ReplayItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function lines(file: string): Array<Record<string, unknown>> {
  const bytes = fs.readFileSync(file);
  const text = (bytes[0] === 0x1f ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Serial reads as a USB adapter delivers them: frames cut anywhere, noise between them. */
function serialReads(frames: Buffer[]): Buffer[] {
  const stream = Buffer.concat(
    frames.flatMap((f, i) => (i % 3 === 1 ? [Buffer.from('00a5ff13', 'hex'), f] : [f])),
  );
  const reads: Buffer[] = [];
  for (let at = 0, size = 5; at < stream.length; at += size, size = (size * 7) % 23 || 3)
    reads.push(stream.subarray(at, at + size));
  return reads;
}

describe('the capture format', () => {
  const telegrams = omniPowerTelegrams(12);

  it.each(['plain.gdcap', 'compressed.gdcap.gz'])(
    'round trip (%s): the serial bytes written come back as the same stick frames, in order',
    async (name) => {
      let clock = 1_000;
      const writer = await CaptureWriter.open({ file: tmp.file(name), header: HEADER, now: () => clock });
      for (const read of serialReads(telegrams.map((t) => t.hci))) {
        clock += 7;
        writer.write({ t: writer.elapsed(), type: 'rx', hex: read.toString('hex') });
      }
      const summary = await writer.close();
      expect(summary).toMatchObject({ records: expect.any(Number), dropped: 0 });

      const replay = await openReplayFile(tmp.file(name));
      expect(replay.format).toBe('gdcap');
      expect(replay.header).toMatchObject({ ...HEADER, format: 'gdcap', version: 1 });
      const items = await collect(replay.items);
      expect(items.map((i) => i.kind === 'telegram' && i.hex)).toEqual(
        telegrams.map((t) => t.hci.toString('hex')),
      );
      // Each telegram is stamped with the time of the read that completed it.
      const times = items.map((i) => (i.kind === 'telegram' ? i.t : null));
      expect(times).toEqual([...times].sort((a, b) => a! - b!));
      expect(times[0]).toBeGreaterThan(0);
      const all = lines(tmp.file(name));
      expect(all.at(-1)).toMatchObject({ type: 'end', records: summary.records, dropped: 0 });
    },
  );

  it('compresses: hex-heavy lines take well under half the space gzipped', async () => {
    const plain = fs.statSync(tmp.file('plain.gdcap')).size;
    const gz = fs.statSync(tmp.file('compressed.gdcap.gz')).size;
    expect(gz).toBeLessThan(plain / 2);
  });

  it('replays a capture without serial bytes from its telegram records, RSSI kept', async () => {
    const writer = await CaptureWriter.open({
      file: tmp.file('telegrams.gdcap'),
      header: { ...HEADER, raw: false },
    });
    for (const { frame, rssi } of telegrams.slice(0, 3)) {
      writer.write({
        t: 5,
        type: 'telegram',
        frame: frame.toString('hex'),
        rssi,
        rssiDbm: null,
        stickTime: null,
        deviceId: '32666857',
        monitored: true,
        ok: true,
        driver: 'omnipower',
        values: null,
        error: null,
        published: false,
        unpublishedReason: null,
      });
    }
    await writer.close();
    const items = await collect((await openReplayFile(tmp.file('telegrams.gdcap'))).items);
    expect(items.map((i) => i.kind === 'telegram' && i.hex)).toEqual(
      telegrams.slice(0, 3).map((t) => t.hci.toString('hex')),
    );
  });

  it('writes only the fields a record type lists, whatever else the object carries', () => {
    const record = {
      t: 3,
      type: 'mqtt-in',
      topic: 'v2/1/sensors/set',
      qos: 1,
      retain: false,
      size: 2,
      payload: redactText('[]'),
      encryptionKey: 'C0FFEE11D15EA5E5BADC0DE5A1B2C3D4',
      password: 'hunter2',
    } as CaptureRecord;
    const line = serializeRecord(record);
    expect(JSON.parse(line)).toEqual({
      t: 3,
      type: 'mqtt-in',
      topic: 'v2/1/sensors/set',
      qos: 1,
      retain: false,
      size: 2,
      payload: '[]',
    });
    expect(line).not.toMatch(/C0FFEE|hunter2/i);
  });

  it('refuses a capture of a newer version, naming both versions', async () => {
    fs.writeFileSync(tmp.file('v9.gdcap'), `${JSON.stringify({ format: 'gdcap', version: 9 })}\n`);
    await expect(openReplayFile(tmp.file('v9.gdcap'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_VERSION',
      message: expect.stringMatching(/version 9.*up to version 1/),
    });
  });

  it('refuses files of no known format, saying what they look like', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['empty.txt', '', /is empty/],
      ['other.jsonl', '{"hello":1}\n', /JSON but not a Gateway Diagnostics capture/],
      ['notes.txt', 'the meter was in the cellar\n', /text but neither a capture/],
      ['archive.zip', Buffer.from('504b0304140000000800', 'hex'), /zip archive/],
    ];
    for (const [name, content, message] of cases) {
      fs.writeFileSync(tmp.file(name), content);
      const error = await openReplayFile(tmp.file(name)).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(CaptureError);
      expect((error as CaptureError).code, name).toBe('NOT_A_CAPTURE');
      expect((error as CaptureError).message, name).toMatch(message);
    }
    await expect(openReplayFile(tmp.file('missing.gdcap'))).rejects.toMatchObject({
      code: 'NO_SUCH_CAPTURE',
    });
  });
});

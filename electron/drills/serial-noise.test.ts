import { describe, expect, it } from 'vitest';
import { HciFramer } from '../core/stick/framer';
import { encodeHciFrame, HCI_MAX_FRAME_LENGTH, HciEndpoint, RadioLinkMessage } from '../core/stick/hci';
import { SimulatedOmniPower } from '../core/stick/simulated-meter';

// Drill d at the framer: megabytes of noise on the serial line, then good frames. Seeded, so a
// failure names the seed and can be replayed.

/** mulberry32: a small seeded generator, so the noise is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noise(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function telegramFrames(count: number): Buffer[] {
  const meter = new SimulatedOmniPower(
    { id: '32666857', key: Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex') },
    seeded(7),
  );
  return Array.from({ length: count }, (_, i) => {
    const { frame, rssi } = meter.nextTelegram(1_700_000_000_000 + i * 16_000);
    return encodeHciFrame({
      endpoint: HciEndpoint.radioLink,
      messageId: RadioLinkMessage.telegramIndication,
      payload: frame,
      rssi,
    });
  });
}

describe('drill: noise on the serial line', () => {
  it('keeps its buffer bounded through 10 MB of random bytes and still finds the good frames after it', () => {
    const random = seeded(20261125);
    const framer = new HciFramer();
    let maxBuffered = 0;
    const junk = noise(random, 10 * 1024 * 1024);
    for (let at = 0; at < junk.length;) {
      const size = 1 + Math.floor(random() * 4096);
      framer.push(junk.subarray(at, at + size));
      maxBuffered = Math.max(maxBuffered, framer.bufferedBytes);
      at += size;
    }
    const good = telegramFrames(5);
    const found = good.flatMap((frame) => framer.push(frame));
    const telegrams = found.filter((f) => f.crc?.ok && f.messageId === RadioLinkMessage.telegramIndication);
    expect(telegrams.map((f) => f.payload.toString('hex'))).toEqual(
      good.map((g) => g.subarray(4, 4 + g[3]!).toString('hex')),
    );
    expect(maxBuffered).toBeLessThanOrEqual(HCI_MAX_FRAME_LENGTH);
    expect(framer.stats.skippedBytes).toBeGreaterThan(9 * 1024 * 1024);
  });

  it('never lets a frame announced by noise swallow or hold back the good frame right after it', () => {
    // Noise ending in A5 + a plausible control byte announces a frame that reaches into the good
    // frame: without CRC it would swallow it, with CRC delay it until more bytes come. About 4 %
    // of noise tails do; 3000 tails make both certain.
    const [good] = telegramFrames(1);
    const payload = good!.subarray(4, 4 + good![3]!);
    const lost: string[] = [];
    for (let seed = 1; seed <= 3000; seed++) {
      const junk = noise(seeded(seed), 300);
      // Nothing follows (a meter sends every 16 s): the good frame must come out now, not later;
      // whether it shares a read with the noise or arrives in its own.
      const together = new HciFramer().push(Buffer.concat([junk, good!]));
      const apart = new HciFramer();
      const separate = [...apart.push(junk), ...apart.push(good!)];
      if (!together.some((f) => f.crc?.ok && f.payload.equals(payload))) lost.push(`${seed} (one read)`);
      if (!separate.some((f) => f.crc?.ok && f.payload.equals(payload))) lost.push(`${seed} (two reads)`);
    }
    expect(lost, `${lost.length} seeds lost the good frame, e.g. ${lost.slice(0, 10).join(', ')}`).toEqual(
      [],
    );
  });
});

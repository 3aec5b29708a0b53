import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_20, SEED_31, SEED_44, SEED_44_FIRST_LENGTH } from './fixtures/captured-frames';
import { HciFramer, type HciFramerError } from './framer';
import { encodeHciFrame, type HciFrame, type HciFrameFields } from './hci';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** Feeds chunks and returns everything the framer produced. */
function run(chunks: Uint8Array[]) {
  const errors: HciFramerError[] = [];
  const framer = new HciFramer({ onError: (error) => errors.push(error) });
  const frames = chunks.flatMap((chunk) => framer.push(chunk));
  return { frames, errors, framer, stats: framer.stats };
}

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts)].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
  return [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length));
}

const payloads = (frames: HciFrame[]) => frames.map((frame) => frame.payload.toString('hex'));
/** Payload of a captured CRC frame without trailers: between the 4-byte header and the CRC. */
const payloadOf = (capture: string) => hex(capture).subarray(4, -2).toString('hex');
const seed44 = hex(SEED_44);
const seed44Payloads = [
  seed44.subarray(4, SEED_44_FIRST_LENGTH - 2).toString('hex'),
  seed44.subarray(SEED_44_FIRST_LENGTH + 4, seed44.length - 2).toString('hex'),
];

describe('HciFramer', () => {
  it('assembles a frame fed one byte at a time', () => {
    const bytes = hex(SEED_20);
    const { frames, framer } = run([...bytes].map((byte) => Buffer.of(byte)));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ endpoint: 2, messageId: 3, length: bytes.length, crc: { ok: true } });
    expect(framer.bufferedBytes).toBe(0);
  });

  it('returns nothing until the frame is complete', () => {
    const bytes = hex(SEED_31);
    const framer = new HciFramer();
    expect(framer.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(framer.bufferedBytes).toBe(bytes.length - 1);
    expect(payloads(framer.push(bytes.subarray(bytes.length - 1)))).toEqual([payloadOf(SEED_31)]);
  });

  it('finds both frames of the seed-44 serial read in one chunk', () => {
    const { frames, stats } = run([seed44]);
    expect(payloads(frames)).toEqual(seed44Payloads);
    expect(stats).toEqual({ frames: 2, crcErrors: 0, rejectedHeaders: 0, skippedBytes: 0 });
  });

  it('finds both frames of seed-44 whatever the split into two reads', () => {
    for (let cut = 1; cut < seed44.length; cut++) {
      const { frames, stats } = run([seed44.subarray(0, cut), seed44.subarray(cut)]);
      expect(payloads(frames), `split at ${cut}`).toEqual(seed44Payloads);
      expect(stats.skippedBytes).toBe(0);
    }
  });

  it('skips and counts noise between frames, including a 0xA5 with an impossible header', () => {
    // 00 11 22: plain noise | A5 1F: reserved flag | A5 86: endpoint 6 | 33
    const stream = Buffer.concat([
      hex('00 11 22'),
      hex(SEED_20),
      hex('A5 1F A5 86 33'),
      hex(SEED_31),
      hex('44'),
    ]);
    const { frames, errors, stats } = run([stream]);
    expect(payloads(frames)).toEqual([payloadOf(SEED_20), payloadOf(SEED_31)]);
    expect(stats).toEqual({ frames: 2, crcErrors: 0, rejectedHeaders: 2, skippedBytes: 3 + 5 + 1 });
    expect(errors.map((error) => [error.reason, error.offset])).toEqual([
      ['reserved-flag', 3 + 45],
      ['unknown-endpoint', 3 + 45 + 2],
    ]);
  });

  it('rejects an impossible header without waiting for LEN', () => {
    const framer = new HciFramer();
    expect(framer.push(hex('A5 91'))).toEqual([]);
    expect(framer.bufferedBytes).toBe(0);
    expect(framer.stats.rejectedHeaders).toBe(1);
    expect(framer.push(hex('A5 05'))).toEqual([]); // endpoint 5
    expect(framer.stats.rejectedHeaders).toBe(2);
    expect(framer.push(hex(SEED_31))).toHaveLength(1);
  });

  it('drops a bad-CRC frame, reports it, and keeps the good frame after it', () => {
    const bad = hex(SEED_20);
    bad[20]! ^= 0xff;
    const { frames, errors, stats } = run([Buffer.concat([bad, hex(SEED_31)])]);
    expect(payloads(frames)).toEqual([payloadOf(SEED_31)]);
    expect(stats.crcErrors).toBe(1);
    expect(stats.skippedBytes).toBe(bad.length);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reason: 'crc', offset: 0, bytes: bad });
    expect(errors[0]!.message).toMatch(/CRC computed 0x[0-9A-F]{4}, frame carries 0x5425/);
  });

  it('keeps a good frame that starts inside the bytes a broken header claimed', () => {
    // The stick lost the rest of a frame: its header still claims 0x27 bytes, and the next real
    // frame begins right after the header. Skipping the claimed length would lose it.
    const stream = Buffer.concat([hex('A5 82 03 27'), hex(SEED_31), hex('00 00'), hex(SEED_20)]);
    const { frames, stats } = run([stream]);
    expect(payloads(frames)).toEqual([payloadOf(SEED_31), payloadOf(SEED_20)]);
    expect(stats.crcErrors).toBe(1);
  });

  it('accepts frames without the CRC flag when the header is plausible', () => {
    const frame = hex('A5 01 03 06 00 02 06 30 01 00');
    const { frames } = run([frame]);
    expect(frames).toEqual([
      { endpoint: 1, messageId: 3, payload: hex('00 02 06 30 01 00'), length: frame.length },
    ]);
  });

  it('stays fast on a stream of false SOFs that each claim a long frame', () => {
    const evil = Buffer.alloc(200_000);
    for (let i = 0; i < evil.length; i += 4) evil.set([0xa5, 0x82, 0x03, 0xff], i);
    const { frames, framer } = run(splitAt(evil, [1000, 50_000, 50_001, 123_457]));
    expect(frames).toEqual([]);
    expect(framer.bufferedBytes).toBeLessThan(262);
  });

  it('never throws, always terminates and accounts for every byte (random streams)', () => {
    const good = [hex(SEED_20), hex(SEED_31), encodeHciFrame({ endpoint: 1, messageId: 2 })];
    const mutatedStream = fc
      .tuple(
        fc.array(fc.constantFrom(...good), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      )
      .map(([frames, edits]) => {
        const stream = Buffer.concat(frames);
        for (const [at, value] of edits) if (stream.length > 0) stream[at % stream.length] = value;
        return stream;
      });
    const stream = fc.oneof(
      fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
      mutatedStream,
    );

    fc.assert(
      fc.property(stream, fc.array(fc.nat(600), { maxLength: 8 }), (bytes, cuts) => {
        const { frames, stats, framer } = run(splitAt(bytes, cuts));
        const frameBytes = frames.reduce((sum, frame) => sum + frame.length, 0);
        expect(frameBytes + stats.skippedBytes + framer.bufferedBytes).toBe(bytes.length);
      }),
    );
  });

  it('yields exactly the frames sent, whatever the noise between them and the chunking', () => {
    const frameFields: fc.Arbitrary<HciFrameFields> = fc.record({
      endpoint: fc.integer({ min: 1, max: 4 }),
      messageId: fc.integer({ min: 0, max: 255 }),
      payload: fc.uint8Array({ maxLength: 255 }),
      crc: fc.boolean(),
      timestamp: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
      rssi: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    });
    const noise = fc
      .uint8Array({ maxLength: 20 })
      .map((bytes) => Buffer.from(bytes.filter((b) => b !== 0xa5)));

    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, frameFields), { maxLength: 8 }),
        noise,
        fc.array(fc.nat(3000), { maxLength: 12 }),
        (pieces, trailingNoise, cuts) => {
          const encoded = pieces.map(([, fields]) => encodeHciFrame(fields));
          const stream = Buffer.concat([...pieces.flatMap(([gap], i) => [gap, encoded[i]!]), trailingNoise]);
          const { frames, stats } = run(splitAt(stream, cuts));
          expect(frames).toHaveLength(pieces.length);
          frames.forEach((frame, i) => {
            const sent = pieces[i]![1];
            expect(frame.endpoint).toBe(sent.endpoint);
            expect(frame.messageId).toBe(sent.messageId);
            expect(frame.payload).toEqual(Buffer.from(sent.payload ?? []));
            expect(frame.timestamp).toBe(sent.timestamp);
            expect(frame.rssi).toBe(sent.rssi);
            expect(frame.length).toBe(encoded[i]!.length);
          });
          expect(stats.crcErrors).toBe(0);
        },
      ),
    );
  });
});

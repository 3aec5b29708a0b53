import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HciCrcError, HciError, HciParseError } from './errors';
import { SEED_20, SEED_31 } from './fixtures/captured-frames';
import { decodeHciFrame, encodeHciFrame, rssiToDbm, type HciFrame } from './hci';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const spaced = (buf: Buffer) =>
  buf
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

function decodeError(buf: Buffer): HciError {
  try {
    decodeHciFrame(buf);
  } catch (error) {
    if (error instanceof HciError) return error;
    throw error;
  }
  throw new Error('expected decodeHciFrame to throw');
}

describe('encodeHciFrame', () => {
  // docs/ARCHITECTURE.md § iM871A command strings: A5 | CE 81 = CRC flag | endpoint 1 | MID | LEN 00 | CRC LE
  it.each([
    ['ping', 0x01, 'A5 81 01 00 24 89'],
    ['get device info', 0x0f, 'A5 81 0F 00 34 13'],
    ['reset', 0x07, 'A5 81 07 00 F4 DD'],
  ])('encodes %s as %s', (_name, messageId, expected) => {
    expect(spaced(encodeHciFrame({ endpoint: 1, messageId }))).toBe(expected);
  });

  it('leaves the CRC off when asked', () => {
    expect(spaced(encodeHciFrame({ endpoint: 1, messageId: 1, crc: false }))).toBe('A5 01 01 00');
  });

  it('writes trailers in the order timestamp, RSSI, CRC', () => {
    const frame = encodeHciFrame({
      endpoint: 2,
      messageId: 3,
      payload: hex('44'),
      timestamp: 0x04030201,
      rssi: 0x9c,
    });
    // A5 | E2 = 0x80 CRC | 0x40 RSSI | 0x20 timestamp | endpoint 2 | 03 | 01 | 44 | 01 02 03 04 | 9C | CRC
    expect(spaced(frame.subarray(0, 10))).toBe('A5 E2 03 01 44 01 02 03 04 9C');
    expect(frame.length).toBe(12);
  });

  it('refuses values that do not fit the frame', () => {
    expect(() => encodeHciFrame({ endpoint: 5, messageId: 1 })).toThrow(RangeError);
    expect(() => encodeHciFrame({ endpoint: 1, messageId: 256 })).toThrow(RangeError);
    expect(() => encodeHciFrame({ endpoint: 1, messageId: 1, payload: Buffer.alloc(256) })).toThrow(
      RangeError,
    );
    expect(() => encodeHciFrame({ endpoint: 1, messageId: 1, rssi: -1 })).toThrow(RangeError);
    expect(() => encodeHciFrame({ endpoint: 1, messageId: 1, timestamp: 2 ** 32 })).toThrow(RangeError);
  });
});

describe('decodeHciFrame', () => {
  it.each([
    ['seed-20', SEED_20, 0x27, 0x5425],
    ['seed-31', SEED_31, 0x21, 0x6cfd],
  ])('decodes the captured frame %s with a good CRC', (_name, capture, payloadLength, crc) => {
    const frame = decodeHciFrame(hex(capture));
    expect(frame).toMatchObject({ endpoint: 2, messageId: 0x03, length: 4 + payloadLength + 2 });
    expect(frame.payload.length).toBe(payloadLength);
    expect(frame.payload[0]).toBe(0x44); // the wM-Bus C field: LEN stands in for L
    expect(frame.payload.subarray(1, 3).toString('hex')).toBe('2d2c'); // M = KAM
    expect(frame.crc).toEqual({ expected: crc, actual: crc, ok: true });
    expect(frame.timestamp).toBeUndefined();
    expect(frame.rssi).toBeUndefined();
  });

  it('decodes the documented command strings back', () => {
    expect(decodeHciFrame(hex('A5 81 0F 00 34 13'))).toEqual({
      endpoint: 1,
      messageId: 0x0f,
      payload: Buffer.alloc(0),
      crc: { expected: 0x1334, actual: 0x1334, ok: true },
      length: 6,
    });
  });

  const trailerCombos = [false, true].flatMap((timestamp) =>
    [false, true].flatMap((rssi) => [false, true].map((crc) => ({ timestamp, rssi, crc }))),
  );
  it.each(trailerCombos)('round-trips trailers %o', ({ timestamp, rssi, crc }) => {
    const payload = hex('44 2d 2c a5 00 ff');
    const fields = {
      endpoint: 2,
      messageId: 3,
      payload,
      crc,
      timestamp: timestamp ? 0xfedcba98 : undefined,
      rssi: rssi ? 0xb4 : undefined,
    };
    const encoded = encodeHciFrame(fields);
    const decoded = decodeHciFrame(encoded);
    expect(decoded.payload).toEqual(payload);
    expect(decoded.timestamp).toBe(fields.timestamp);
    expect(decoded.rssi).toBe(fields.rssi);
    expect(decoded.crc?.ok).toBe(crc ? true : undefined);
    expect(decoded.length).toBe(encoded.length);
  });

  it('decodes at an offset and ignores bytes after the frame', () => {
    const buf = Buffer.concat([hex('00 11'), hex(SEED_31), hex('a5 81')]);
    expect(decodeHciFrame(buf, { offset: 2 }).payload[0]).toBe(0x44);
  });

  it('copies the payload out of a read buffer that may be reused, or gives a view when asked', () => {
    const buf = Buffer.concat([hex('00 11'), hex(SEED_31)]);
    const copy = decodeHciFrame(buf, { offset: 2 }).payload;
    const view = decodeHciFrame(buf, { offset: 2, viewPayload: true }).payload;
    expect(view).toEqual(copy);
    buf[2 + 4] = 0x99; // the payload's first byte: the C field
    expect([copy[0], view[0]]).toEqual([0x44, 0x99]);
    const bytes = new Uint8Array(hex(SEED_31));
    const fromArray = decodeHciFrame(bytes, { viewPayload: true }).payload;
    bytes[4] = 0x98;
    expect(Buffer.isBuffer(fromArray) && fromArray[0]).toBe(0x98);
  });

  it('throws HciCrcError with both CRCs and the frame offset', () => {
    const corrupted = hex(SEED_20);
    corrupted[10]! ^= 0x01;
    const error = decodeError(corrupted);
    expect(error).toBeInstanceOf(HciCrcError);
    expect(error).toMatchObject({ code: 'HCI_CRC', offset: 0, received: 0x5425 });
  });

  it('returns a bad-CRC frame when allowed, marked not ok', () => {
    const corrupted = hex(SEED_20);
    corrupted[10]! ^= 0x01;
    const frame: HciFrame = decodeHciFrame(corrupted, { allowBadCrc: true });
    expect(frame.crc).toMatchObject({ actual: 0x5425, ok: false });
  });

  it.each([
    ['no SOF', '00 81 01 00 24 89', 'no-sof', 0],
    ['reserved flag 0x10', 'A5 91 01 00', 'reserved-flag', 1],
    ['endpoint 0', 'A5 80 01 00', 'unknown-endpoint', 1],
    ['endpoint 5', 'A5 85 01 00 00 00', 'unknown-endpoint', 1],
    ['a header cut short', 'A5 81 01', 'truncated', 0],
    ['LEN beyond the data', 'A5 82 03 27 44 2d', 'truncated', 0],
    ['a missing CRC trailer', 'A5 81 01 00 24', 'truncated', 0],
    ['nothing at all', '', 'no-sof', 0],
  ])('rejects %s', (_name, bytes, reason, offset) => {
    const error = decodeError(hex(bytes));
    expect(error).toBeInstanceOf(HciParseError);
    expect(error).toMatchObject({ code: 'HCI_PARSE', reason, offset });
  });

  it('throws only typed HciErrors on random and mutated bytes', () => {
    const valid = hex(SEED_20);
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((tail) => Buffer.concat([Buffer.of(0xa5), tail])),
      fc
        .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })
        .map((edits) => {
          const mutated = Buffer.from(valid);
          for (const [at, value] of edits) mutated[at] = value;
          return mutated;
        }),
    );
    fc.assert(
      fc.property(inputs, (bytes) => {
        try {
          const frame = decodeHciFrame(bytes);
          expect(frame.length).toBeLessThanOrEqual(bytes.length);
        } catch (error) {
          expect(error).toBeInstanceOf(HciError);
        }
      }),
    );
  });
});

describe('rssiToDbm', () => {
  it('follows -100 + (raw - 45) * 80 / 160, capped at 0 dBm', () => {
    expect(rssiToDbm(45)).toBe(-100);
    expect(rssiToDbm(205)).toBe(-20);
    expect(rssiToDbm(0xb4)).toBe(-32.5);
    expect(rssiToDbm(0)).toBe(-122.5);
    expect(rssiToDbm(255)).toBe(0);
  });
});

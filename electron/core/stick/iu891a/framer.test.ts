import { describe, expect, it } from 'vitest';
import { crc16X25 } from '../crc16-x25';
import { Iu891aFrameError } from './errors';
import { CAPTURED_INDICATION, escapeByHand, handFrame, hex, withCrc } from './fixtures/hand-built';
import { Iu891aFramer } from './framer';
import { decodeIu891aMessage, encodeIu891aFrame } from './message';
import { parseDeviceInfo, parseReceiveIndication } from './payloads';

function framerWithErrors() {
  const errors: Iu891aFrameError[] = [];
  const framer = new Iu891aFramer({ onError: (e) => errors.push(e) });
  return { framer, errors };
}

/** A ping response whose payload byte is chosen so its CRC contains `wanted` (found by trying all 256). */
function bodyWhoseCrcHas(wanted: number): Buffer {
  for (let last = 0; last < 256; last++) {
    const body = Buffer.of(0x01, 0x04, 0x00, 0x6e, 0xc0, 0xdb, 0x00, last);
    const crc = crc16X25(body);
    if ((crc & 0xff) === wanted || crc >> 8 === wanted) return body;
  }
  throw new Error(`no CRC with 0x${wanted.toString(16)}`);
}

describe('iU891A messages', () => {
  it('reads the receive indication quoted from a real stick, CRC included', () => {
    const { framer, errors } = framerWithErrors();
    const [framed] = framer.push(CAPTURED_INDICATION);
    expect(errors).toEqual([]);
    expect(framed!.message).toMatchObject({
      endpoint: 0x09,
      messageId: 0x20,
      kind: 'indication',
      crc: 0x59af,
    });
    expect(framed!.message.status).toBeUndefined(); // indications have no status byte
    const indication = parseReceiveIndication(framed!.message.payload);
    expect(indication).toMatchObject({
      timestamp: 0x386d439f,
      packetInfo: 0x02,
      rssiDbm: -25,
      lengthField: 0x18,
    });
    expect(indication.frame).toHaveLength(0x18);
    expect(indication.frame.subarray(0, 3).toString('hex')).toBe('44ae4c'); // C field, then manufacturer
  });

  it('reads a device info response with its status byte, module type and LE unique id', () => {
    const message = decodeIu891aMessage(withCrc(hex('01 04 00 6e 0d 1b 00 00 be 2d 06 00')));
    expect(message).toMatchObject({
      kind: 'response',
      status: 0,
      name: 'device management: device info response',
    });
    expect(parseDeviceInfo(message.payload)).toMatchObject({
      moduleName: 'iU891A-XL',
      uniqueId: '00001B0D',
      extra: hex('be2d0600'),
    });
  });

  it('encodes requests exactly as built by hand from the rules', () => {
    expect(encodeIu891aFrame({ endpoint: 1, messageId: 1 })).toEqual(handFrame('01 01'));
    const config = '05 02 00 00 00 32 00 00 00 00 00';
    expect(encodeIu891aFrame({ endpoint: 9, messageId: 3, payload: hex(config) })).toEqual(
      handFrame(`09 03 ${config}`),
    );
  });

  it.each([0xc0, 0xdb])('decodes escaped C0 and DB in the payload and 0x%s in the CRC', (wanted) => {
    const body = bodyWhoseCrcHas(wanted);
    const message = withCrc(body);
    const wire = Buffer.concat([Buffer.of(0xc0), escapeByHand(message), Buffer.of(0xc0)]);
    expect(wire.length).toBeGreaterThanOrEqual(message.length + 2 + 3); // three escapes at least
    const { framer, errors } = framerWithErrors();
    const [framed] = framer.push(wire);
    expect(errors).toEqual([]);
    expect(framed!.message.payload).toEqual(body.subarray(3));
  });

  it('keeps every good frame when frames are split across reads and merged within reads', () => {
    const a = handFrame('01 02 00');
    const b = handFrame('09 04 00');
    const c = CAPTURED_INDICATION;
    const stream = Buffer.concat([a, b, c, a]);
    for (const cuts of [
      [1],
      [3, 4, 20],
      [stream.length - 1],
      Array.from({ length: stream.length }, () => 1),
    ]) {
      const { framer, errors } = framerWithErrors();
      const got: number[] = [];
      let at = 0;
      for (const size of [...cuts, stream.length]) {
        for (const { message } of framer.push(stream.subarray(at, at + size))) got.push(message.messageId);
        at += size;
        if (at >= stream.length) break;
      }
      expect(got).toEqual([0x02, 0x04, 0x20, 0x02]);
      expect(errors).toEqual([]);
    }
  });

  it('drops noise between frames with its offset and loses no frame after it', () => {
    const { framer, errors } = framerWithErrors();
    const good = handFrame('01 02 00');
    const stream = Buffer.concat([hex('00 ff 12'), good, hex('55 aa'), good, hex('c0 c0 7e')]);
    expect(framer.push(stream).map((f) => f.message.messageId)).toEqual([0x02, 0x02]);
    expect(errors.map((e) => [e.reason, e.offset])).toEqual([
      ['too-short', 0], // "00 ff 12" before the first END
      ['too-short', 3 + good.length], // "55 aa" right after the first frame's END
    ]);
    expect(framer.stats).toEqual({ messages: 2, crcErrors: 0, otherErrors: 2 });
  });

  it('reports a bad CRC at the CRC bytes and still delivers the next frame', () => {
    const { framer, errors } = framerWithErrors();
    const bad = handFrame('01 02 00');
    bad[3]! ^= 0x01; // the status byte changes, the CRC does not
    const frames = framer.push(Buffer.concat([bad, handFrame('01 08 00')]));
    expect(frames.map((f) => f.message.name)).toEqual(['device management: restart response']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reason: 'crc', code: 'HCI_CRC', offset: 1 + 3 });
    expect(errors[0]!.message).toMatch(
      /CRC mismatch at message offset 3: computed 0x[0-9A-F]{4}, message carries/,
    );
    expect(errors[0]!.bytes).toEqual(withCrc(hex('01 02 00')).fill(0x01, 2, 3));
  });

  it('names an unknown endpoint, an unknown message id and a response without status', () => {
    const { framer, errors } = framerWithErrors();
    framer.push(Buffer.concat([handFrame('05 01'), handFrame('09 77'), handFrame('01 02'), handFrame('01')]));
    expect(errors.map((e) => [e.reason, e.offset])).toEqual([
      ['unknown-endpoint', 1],
      ['unknown-message', 1 + 6 + 1],
      ['too-short', 6 + 6 + 1 + 2],
      ['too-short', 6 + 6 + 6 + 1],
    ]);
    expect(errors[0]!.message).toMatch(/unknown endpoint 0x05 .*expected 0x01 \(device management\) or 0x09/);
    expect(errors[1]!.message).toMatch(/unknown wM-Bus gateway message id 0x77/);
    expect(errors[2]!.message).toMatch(/ping response without its status byte/);
    expect(errors.every((e) => e instanceof Iu891aFrameError)).toBe(true);
  });

  it('counts offsets on the wire, escapes included, for an error after escaped bytes', () => {
    const { framer, errors } = framerWithErrors();
    // Endpoint 0xDB is escaped (2 wire bytes): the message id after it sits at wire offset 3.
    framer.push(handFrame('db 01'));
    expect(errors[0]).toMatchObject({ reason: 'unknown-endpoint', offset: 1 });
    const escapedPayload = handFrame('09 04 c0 c0 00');
    escapedPayload[escapedPayload.length - 2]! ^= 0xff; // corrupt the CRC's high byte
    framer.push(escapedPayload);
    // Message offset 5 (CRC) = wire offset 1 (END) + 5 + 2 escapes, counted from this frame's start.
    const start = handFrame('db 01').length;
    expect(errors[1]).toMatchObject({ reason: 'crc', offset: start + 1 + 5 + 2 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, framesFromC } from '../wmbus/fixtures/telegram-fixtures';
import type { FoundFrame, InputItem } from './input-item';
import { indicationMessage, slip, withCrc } from './iu891a-test-support';
import { splitTelegramInput } from './telegram-input';

const OMNIPOWER = framesFromC(fixture('seed-00'))[0]!;
// -64 dBm is the byte C0 and the timestamp holds DB: both must come back from their escapes.
const ESCAPED = slip(indicationMessage(OMNIPOWER, 0x11db22c0, -64));
const PLAIN = slip(indicationMessage(OMNIPOWER, 0x01020304, -71));
const PING_RESPONSE = slip(withCrc([0x01, 0x02, 0x00]));

const frames = (items: InputItem[]) => items.filter((i): i is FoundFrame => i.kind === 'frame');
const shape = (items: InputItem[]) =>
  items.map((i) => (i.kind === 'frame' ? [i.framing, i.offset] : [i.code, i.offset]));

describe('splitTelegramInput on iU891A serial bytes', () => {
  it('reads a receive indication whose header bytes are SLIP-escaped', () => {
    expect(ESCAPED.includes(Buffer.of(0xdb, 0xdc))).toBe(true);
    expect(ESCAPED.includes(Buffer.of(0xdb, 0xdd))).toBe(true);
    const items = splitTelegramInput(ESCAPED);
    expect(items).toEqual([
      {
        kind: 'frame',
        framing: 'iu891a',
        offset: 1,
        frame: OMNIPOWER,
        rssi: null,
        rssiDbm: -64,
        timestamp: 0x11db22c0,
        stickCrc: { expected: expect.any(Number), actual: expect.any(Number), ok: true, enforced: true },
      },
    ]);
    const crc = ESCAPED.readUInt16LE(ESCAPED.length - 3);
    expect(items[0]).toMatchObject({ stickCrc: { expected: crc, actual: crc } });
  });

  it('gives one item per indication, offsets on the wire (escapes counted)', () => {
    const items = splitTelegramInput(Buffer.concat([ESCAPED, PLAIN]));
    expect(shape(items)).toEqual([
      ['iu891a', 1],
      ['iu891a', ESCAPED.length + 1],
    ]);
    expect(frames(items).map((f) => [f.rssiDbm, f.timestamp])).toEqual([
      [-64, 0x11db22c0],
      [-71, 0x01020304],
    ]);
  });

  it('skips the end of a frame the read came in after, noise included', () => {
    const noise = fc
      .uint8Array({ minLength: 1, maxLength: 30 })
      .map((b) => Buffer.from(b.filter((x) => x !== 0xc0 && x !== 0xa5)))
      .filter((b) => b.length > 0);
    fc.assert(
      fc.property(noise, (before) => {
        const items = splitTelegramInput(Buffer.concat([before, PLAIN, ESCAPED]));
        expect(shape(items)).toEqual([
          ['iu891a', before.length + 1],
          ['iu891a', before.length + PLAIN.length + 1],
        ]);
        expect(frames(items)[0]!.frame).toEqual(OMNIPOWER);
      }),
    );
  });

  it('reports a frame with a bad CRC between two good ones, by its byte offset, and reads on', () => {
    const message = indicationMessage(OMNIPOWER, 7, -80);
    message[20]! ^= 0x01; // a telegram byte damaged on the line; the CRC no longer matches
    const damaged = slip(message);
    const items = splitTelegramInput(Buffer.concat([PLAIN, damaged, ESCAPED]));
    const at = PLAIN.length + 1;
    expect(shape(items)).toEqual([
      ['iu891a', 1],
      ['HCI_CRC', at],
      ['iu891a', at + damaged.length],
    ]);
    expect(items[1]).toMatchObject({ message: new RegExp(`iU891A frame at byte ${at} fails its CRC`) });
    // The damaged telegram still carries the meter's header, as an iM871A frame's does.
    expect((items[1] as { frame: Buffer }).frame.subarray(0, 9)).toEqual(OMNIPOWER.subarray(0, 9));
  });

  it('passes over the stick’s responses between telegrams; a line of responses only is said in words', () => {
    const items = splitTelegramInput(Buffer.concat([PING_RESPONSE, PLAIN, PING_RESPONSE, ESCAPED]));
    expect(shape(items)).toEqual([
      ['iu891a', PING_RESPONSE.length + 1],
      ['iu891a', 2 * PING_RESPONSE.length + PLAIN.length + 1],
    ]);
    const alone = splitTelegramInput(PING_RESPONSE);
    expect(alone).toEqual([
      expect.objectContaining({
        code: 'PARSE',
        offset: 1,
        message: 'no received telegram in these iU891A frames: device management: ping response at byte 1',
      }),
    ]);
  });

  it('names the byte of a bad escape and of a frame cut short, and reads the frames between', () => {
    const badEscape = Buffer.concat([Buffer.of(0xc0, 0x09, 0x20, 0xdb, 0x41), PLAIN.subarray(5)]);
    const cut = PLAIN.subarray(0, 20);
    const items = splitTelegramInput(Buffer.concat([badEscape, ESCAPED, cut]));
    expect(shape(items)).toEqual([
      ['PARSE', 3],
      ['iu891a', badEscape.length + 1],
      ['PARSE', badEscape.length + ESCAPED.length + 1],
    ]);
    expect(items[0]).toMatchObject({ message: /SLIP ESC followed by 0x41.*byte 3/ });
    expect(items[2]).toMatchObject({ message: /no closing SLIP END/ });
  });

  it('takes bytes starting with C0 as a frame from L when no SLIP frame is proven and the length fits', () => {
    const fromL = Buffer.concat([Buffer.of(0xc0), OMNIPOWER, Buffer.alloc(0xc0 - OMNIPOWER.length, 0x2f)]);
    expect(shape(splitTelegramInput(fromL))).toEqual([['wmbus', 0]]);
    expect(shape(splitTelegramInput(Buffer.of(0xc0, 0xc0)))).toEqual([['PARSE', 0]]);
  });

  it('leaves iM871A lines to the HCI reader even when they hold C0', () => {
    const hci = Buffer.concat([Buffer.of(0xa5, 0x02, 0x03, 3), Buffer.of(0x44, 0xc0, 0xdb)]);
    expect(splitTelegramInput(hci).every((i) => i.kind !== 'frame' || i.framing === 'hci')).toBe(true);
  });
});

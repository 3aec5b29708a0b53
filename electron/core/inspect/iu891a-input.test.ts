import { describe, expect, it } from 'vitest';
import { DEMO_METER } from '../demo';
import { SimulatedOmniPower } from '../stick';
import { encodeIu891aFrame, encodeReceiveIndication } from '../stick/iu891a';
import { inspectTelegrams } from './telegram-inspector';

const key = Buffer.from(DEMO_METER.keyHex, 'hex');
const noMonitored = { monitored: { has: () => false, get: () => undefined }, extraKey: key };
const hex = (bytes: Buffer) => bytes.toString('hex');

/** A receive indication as the iU891A sends it, built from the layout, around one OmniPower telegram. */
function indication(frame: Buffer, rssiDbm = -71): Buffer {
  const payload = encodeReceiveIndication({
    timestamp: 0x01020304,
    decryptionStatus: 0,
    encryptionMode: 0,
    packetInfo: 0x05,
    rssiDbm,
    frame,
  });
  return encodeIu891aFrame({ endpoint: 0x09, messageId: 0x20, payload });
}

/** Telegrams of the demo meter until one has (or has not) a byte SLIP must escape. */
function telegram(withEscapes: boolean): Buffer {
  const meter = new SimulatedOmniPower({ id: DEMO_METER.id, key });
  for (let at = 0; ; at += 16_000) {
    const { frame } = meter.nextTelegram(Date.now() + at);
    if (frame.some((b) => b === 0xc0 || b === 0xdb) === withEscapes) return frame;
  }
}

describe('the inspector on iU891A serial bytes', () => {
  it('explains a receive indication byte by byte and decodes the telegram inside', () => {
    const frame = telegram(false);
    const wire = indication(frame);
    const [view] = inspectTelegrams(hex(wire), noMonitored);

    expect(view).toMatchObject({ framing: 'iu891a', ok: true, rssiDbm: -71, meter: { id: DEMO_METER.id } });
    expect(view!.values?.['A+']).toBeDefined();
    // Every wire byte is explained, END to END (decrypted fields lie over the encrypted bytes, as for
    // an iM871A frame), and the fields come in wire order.
    const covered = new Set(
      view!.fields.flatMap((f) => Array.from({ length: f.length }, (_, i) => f.offset + i)),
    );
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from({ length: wire.length }, (_, i) => i));
    const offsets = view!.fields.map((f) => f.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(view!.fields[0]).toMatchObject({ offset: 0, hex: 'c0', name: 'SLIP END' });
    // The telegram's own fields start where its bytes start on the wire (C field 0x44).
    const cField = view!.fields.find((f) => f.hex === '44' && f.offset > 10);
    expect(wire[cField!.offset]).toBe(0x44);
    expect(view!.fields.some((f) => f.name === 'wM-Bus frame')).toBe(false);
  });

  it('explains a telegram with escaped bytes field by field, each over the wire bytes it took', () => {
    const frame = telegram(true);
    const wire = indication(frame);
    const [view] = inspectTelegrams(hex(wire), noMonitored);
    expect(view).toMatchObject({ framing: 'iu891a', ok: true, meter: { id: DEMO_METER.id } });
    expect(view!.fields.some((f) => f.name === 'wM-Bus frame')).toBe(false);
    const covered = new Set(
      view!.fields.flatMap((f) => Array.from({ length: f.length }, (_, i) => f.offset + i)),
    );
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from({ length: wire.length }, (_, i) => i));
    // A field over an escape says so, and spans the escape's two wire bytes.
    const from = view!.fields.find((f) => f.name === 'L field')!.offset + 1;
    const to = view!.fields.find((f) => f.name === 'CRC')!.offset;
    const escapedAt = [...wire.entries()]
      .filter(([at, b]) => b === 0xdb && at >= from && at < to)
      .map(([at]) => at);
    expect(escapedAt.length).toBeGreaterThan(0);
    const over = view!.fields.filter((f) => /SLIP-escaped on the wire/.test(f.meaning));
    expect(over.length).toBeGreaterThan(0);
    for (const at of escapedAt) {
      expect(over.some((f) => f.offset <= at && at + 1 < f.offset + f.length)).toBe(true);
    }
  });

  it('names a response that is no telegram, and a damaged frame, without throwing', () => {
    const ping = encodeIu891aFrame({ endpoint: 0x01, messageId: 0x02, status: 0 });
    const damaged = Buffer.from(indication(telegram(false)));
    damaged[damaged.length - 3]! ^= 0xff; // a CRC byte
    const views = inspectTelegrams(hex(Buffer.concat([ping, damaged])), noMonitored);
    expect(views.map((v) => [v.framing, v.ok, v.error?.code])).toEqual([
      ['iu891a', false, 'NOT_A_TELEGRAM'],
      ['iu891a', false, expect.any(String)],
    ]);
    expect(views[0]!.error!.message).toMatch(/not a received telegram/);
    expect(views[0]!.fields.map((f) => f.name)).toContain('status');
  });

  it('leaves iM871A and wM-Bus pastes to the existing reader', () => {
    const [view] = inspectTelegrams('a5 81 01 00 24 89', noMonitored);
    expect(view!.framing).not.toBe('iu891a');
  });
});

import { describe, expect, it } from 'vitest';
import { indicationMessage, slip, withCrc } from '../../core/inspect/iu891a-test-support';
import { encodeOmniPowerTelegram } from '../../core/wmbus';
import {
  fixture,
  framesFromC,
  OMNIPOWER_ID,
  OMNIPOWER_KEY,
} from '../../core/wmbus/fixtures/telegram-fixtures';
import { runCliCaptured } from '../test-support';

const seed = fixture('seed-00');
const omnipower = framesFromC(seed)[0]!;
const meter = ['--meter', `${OMNIPOWER_ID}=${OMNIPOWER_KEY.toString('hex')}`];
const expectedValues = Object.fromEntries(
  Object.entries(seed.expect.values!).map(([name, [value, unit]]) => [name, { value, unit }]),
);

// RSSI -64 dBm is the byte C0, the timestamp holds DB: the indication's header travels escaped.
const escaped = slip(indicationMessage(omnipower, 0x11db22c0, -64));
const plain = slip(indicationMessage(omnipower, 7, -71));
const pingResponse = slip(withCrc([0x01, 0x02, 0x00]));
const damagedMessage = indicationMessage(omnipower, 8, -90);
damagedMessage[30]! ^= 0x10;
const damaged = slip(damagedMessage);

const spaced = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('cli decode on iU891A serial bytes', () => {
  it('decodes each receive indication of a read, names a damaged one, passes over a response', async () => {
    const read = Buffer.concat([pingResponse, escaped, damaged, plain]);
    const { code, stdout, stderr } = await runCliCaptured(['decode', ...meter, spaced(read)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const at = pingResponse.length + escaped.length + 1;
    expect(stdout).toEqual([
      expect.objectContaining({
        line: 1,
        framing: 'iu891a',
        offset: pingResponse.length + 1,
        ok: true,
        meter: expect.objectContaining({ id: OMNIPOWER_ID }),
        values: expectedValues,
        // As for an iM871A line: rssi is the stick's raw byte (the iU891A has none), rssiDbm the signal.
        rssi: null,
        rssiDbm: -64,
        stickCrc: expect.objectContaining({ ok: true, enforced: true }),
      }),
      {
        line: 1,
        framing: null,
        offset: at,
        ok: false,
        error: { code: 'HCI_CRC', message: expect.stringContaining(`at byte ${at} fails its CRC`) },
        meter: expect.objectContaining({ id: OMNIPOWER_ID }),
      },
      expect.objectContaining({ framing: 'iu891a', offset: at + damaged.length, ok: true, rssiDbm: -71 }),
    ]);
  });

  it('explains every wire byte of an indication read after noise, SLIP bytes included', async () => {
    const noise = Buffer.of(0x12, 0xdb, 0xdc, 0x34);
    const read = Buffer.concat([noise, escaped]);
    const { stdout } = await runCliCaptured(['decode', ...meter, '--explain', read.toString('hex')]);
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatchObject({ framing: 'iu891a', offset: noise.length + 1, ok: true });
    const fields = stdout[0]!['explain'] as Array<{
      offset: number;
      length: number;
      hex: string;
      name: string;
    }>;
    // Every byte from the frame's leading END to its closing END, each field's hex the wire's own.
    const covered = new Set(fields.flatMap((f) => Array.from({ length: f.length }, (_, i) => f.offset + i)));
    const wire = Array.from({ length: escaped.length }, (_, i) => noise.length + i);
    expect([...covered].sort((a, b) => a - b)).toEqual(wire);
    const names = fields.map((f) => f.name);
    // The stick's own fields show the wire bytes, escapes included (decrypted telegram fields show
    // the plaintext over the ciphertext, as for an iM871A line).
    const telegramAt = fields.find((f) => f.name === 'L field')!.offset + 1;
    const crcAt = fields.find((f) => f.name === 'CRC')!.offset;
    for (const f of fields.filter((f) => f.offset < telegramAt || f.offset >= crcAt)) {
      expect(f.hex.replace(/ /g, '')).toBe(read.subarray(f.offset, f.offset + f.length).toString('hex'));
    }
    expect(names[0]).toBe('SLIP END');
    expect(names.at(-1)).toBe('SLIP END');
    expect(names).toEqual(expect.arrayContaining(['endpoint', 'message id', 'timestamp', 'RSSI', 'CRC']));
    expect(fields.find((f) => f.name === 'RSSI')).toMatchObject({ hex: 'db dc' });
    // The telegram's own fields (decrypted values included) stand where its bytes are on the wire.
    expect(names).not.toContain('wM-Bus frame');
    expect(fields.find((f) => f.offset === telegramAt)).toMatchObject({ hex: '44' });
  });

  it('explains a telegram whose own bytes are escaped: each field over the wire bytes it took', async () => {
    // The first minute whose encrypted telegram holds both bytes SLIP must escape.
    const frame = Array.from({ length: 1024 }, (_, minuteCounter) =>
      encodeOmniPowerTelegram({
        id: OMNIPOWER_ID,
        key: OMNIPOWER_KEY,
        accessNumber: 1,
        minuteCounter,
        kind: 'long',
        values: { aPlusWh10: 1234, aMinusWh10: 0, pPlusW: 56, pMinusW: 0 },
      }),
    ).find((f) => f.includes(0xc0) && f.includes(0xdb))!;
    const noise = Buffer.of(0x99, 0x98);
    const read = Buffer.concat([noise, slip(indicationMessage(frame, 3, -75))]);
    const { stdout } = await runCliCaptured(['decode', ...meter, '--explain', read.toString('hex')]);
    expect(stdout).toMatchObject([{ framing: 'iu891a', ok: true, values: { 'A+': { unit: 'kWh' } } }]);
    const fields = stdout[0]!['explain'] as Array<{
      offset: number;
      length: number;
      name: string;
      meaning: string;
    }>;
    const covered = new Set(fields.flatMap((f) => Array.from({ length: f.length }, (_, i) => f.offset + i)));
    expect([...covered].sort((a, b) => a - b)).toEqual(
      Array.from({ length: read.length - noise.length }, (_, i) => noise.length + i),
    );
    expect(fields.some((f) => f.name === 'wM-Bus frame')).toBe(false);
    const escapes = fields.filter((f) => /SLIP-escaped on the wire/.test(f.meaning));
    expect(escapes.length).toBeGreaterThan(0);
    for (const f of escapes) expect(read.subarray(f.offset, f.offset + f.length).includes(0xdb)).toBe(true);
    // The telegram's last field ends where the stick's CRC starts.
    const crcAt = fields.find((f) => f.name === 'CRC')!.offset;
    expect(Math.max(...fields.filter((f) => f.offset < crcAt).map((f) => f.offset + f.length))).toBe(crcAt);
  });

  it('says a line of the stick’s answers holds no telegram, and goes on with the next line', async () => {
    const { stdout } = await runCliCaptured(['decode', ...meter, spaced(pingResponse), spaced(plain)]);
    expect(stdout).toEqual([
      {
        line: 1,
        framing: null,
        offset: 1,
        ok: false,
        error: { code: 'PARSE', message: expect.stringMatching(/no received telegram.*ping response/) },
        meter: null,
      },
      expect.objectContaining({ line: 2, framing: 'iu891a', ok: true, values: expectedValues }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { LINK_MODE_NAMES } from '../../../../shared/link-modes';
import { UnsupportedLinkModeError } from './errors';
import { explainIu891aFrames } from './explain';
import { CAPTURED_INDICATION, handFrame, hex, withCrc } from './fixtures/hand-built';
import { appLinkModesFor, iu891aLinkModeCode, IU891A_LINK_MODES } from './link-modes';
import { decodeIu891aMessage } from './message';
import {
  encodeConfig,
  parseApplicationStatus,
  parseConfig,
  parseDeviceInfo,
  parseFirmwareInfo,
} from './payloads';
import { assertOk, statusText } from './status-words';

describe('iU891A payloads', () => {
  it('lays out the active configuration: mode, options, UI options, LED time, recalibration (all LE)', () => {
    const bytes = hex('03 0a00 0300 3200 88130000');
    const config = parseConfig(bytes);
    expect(config).toEqual({
      linkModeCode: 3,
      options: 0x0a,
      uiOptions: 3,
      ledFlashMs: 50,
      recalibrateMs: 5000,
    });
    expect(encodeConfig(config)).toEqual(bytes);
    expect(() => parseConfig(hex('03 0a00'), 3)).toThrow(
      /active configuration: 3 payload bytes, at least 11 expected/,
    );
  });

  it('reads firmware info: minor, major, build, date and name', () => {
    const payload = Buffer.concat([hex('09 01 3700'), Buffer.from('09.04.2020WMBus_Gateway', 'latin1')]);
    expect(parseFirmwareInfo(payload)).toEqual({
      minor: 9,
      major: 1,
      build: 55,
      buildDate: '09.04.2020',
      name: 'WMBus_Gateway',
    });
  });

  it('names every module type and says when it does not know one', () => {
    const names = ['6d', '6e', 'a3', '71', '42'].map((t) => parseDeviceInfo(hex(`${t} 01000000`)).moduleName);
    expect(names).toEqual(['iM891A-XL', 'iU891A-XL', 'iM881A-XL', 'iU893A-XL', 'unknown module 0x42']);
    expect(() => parseDeviceInfo(hex('6e 0100'))).toThrow(
      expect.objectContaining({ reason: 'bad-payload', offset: 3 + 3 }),
    );
  });

  it('reads the application status fields that are there, in order', () => {
    const full = hex(
      '01000000 02000000 05 0600 07000000 08000000 09000000 0a000000 0b000000 0c000000 00000000',
    );
    expect(parseApplicationStatus(full)).toEqual({
      time: 1,
      lastSync: 2,
      linkModeCode: 5,
      statusBits: 6,
      restarts: 7,
      receivedPackets: 8,
      rejectedPackets: 9,
      receiveErrors: 10,
      sentPackets: 11,
      sendErrors: 12,
    });
    expect(parseApplicationStatus(full.subarray(0, 9))).toEqual({ time: 1, lastSync: 2, linkModeCode: 5 });
  });
});

describe('iU891A status words and link modes', () => {
  it('puts status codes in words per endpoint', () => {
    expect(statusText(0x01, 0x03)).toBe('wrong parameter (status 0x03)');
    expect(statusText(0x09, 0x0e)).toBe('no encryption key for that meter address (status 0x0e)');
    expect(statusText(0x01, 0x0e)).toBe('unknown status (status 0x0e)');
    const refused = decodeIu891aMessage(withCrc(hex('09 04 06')));
    expect(() => assertOk(refused, 'set active configuration')).toThrow(
      'the iU891A refused set active configuration: busy, try again later (status 0x06)',
    );
  });

  it('maps every app link mode to a receiver setting, or refuses it in words', () => {
    const codes = Object.fromEntries(
      LINK_MODE_NAMES.map((mode) => {
        try {
          return [mode, iu891aLinkModeCode(mode)];
        } catch (error) {
          expect(error).toBeInstanceOf(UnsupportedLinkModeError);
          return [mode, (error as Error).message];
        }
      }),
    );
    expect(codes).toEqual({
      s1: 1,
      s1m: 1,
      s2: expect.stringMatching(/^the iU891A cannot listen in S2: .*choose one of s1, s1m, t1/),
      t1: 2,
      t2: 2,
      r2: expect.stringMatching(/^the iU891A cannot listen in R2/),
      c1a: 5,
      c1b: 5,
      c2a: 5,
      c2b: 5,
      c1t1: 3,
    });
    expect(IU891A_LINK_MODES).not.toContain('r2');
    expect(appLinkModesFor(5)).toEqual(['c1a', 'c1b', 'c2a', 'c2b']);
  });
});

describe('explaining iU891A bytes for the inspector', () => {
  it('names every byte of a captured receive indication, SLIP markers and CRC check included', () => {
    const [frame] = explainIu891aFrames(CAPTURED_INDICATION);
    expect(frame!.error).toBeNull();
    const rows = frame!.fields.map((f) => [f.offset, f.length, f.name]);
    expect(rows).toEqual([
      [0, 1, 'SLIP END'],
      [1, 1, 'endpoint'],
      [2, 1, 'message id'],
      [3, 4, 'timestamp'],
      [7, 1, 'decryption status'],
      [8, 1, 'encryption mode'],
      [9, 1, 'packet info'],
      [10, 1, 'RSSI'],
      [11, 1, 'L field'],
      [12, 24, 'wM-Bus frame'],
      [36, 2, 'CRC'],
      [38, 1, 'SLIP END'],
    ]);
    const byName = Object.fromEntries(frame!.fields.map((f) => [f.name, f]));
    expect(byName['RSSI']!.meaning).toBe('-25 dBm');
    expect(byName['message id']!.meaning).toBe('receive indication (wM-Bus telegram)');
    expect(byName['CRC']!.check).toEqual({ ok: true, detail: 'carried 0x59af, computed 0x59af' });
    expect(frame!.telegram?.subarray(0, 1).toString('hex')).toBe('44');
    // Every byte of the input is covered exactly once.
    expect(frame!.fields.reduce((n, f) => n + f.length, 0)).toBe(CAPTURED_INDICATION.length);
  });

  it('shows escaped bytes with their wire length, and a frame that fails with its reason', () => {
    const wire = Buffer.concat([handFrame('09 04 c0'), handFrame('07 01')]);
    const [escaped, unknown] = explainIu891aFrames(wire);
    const status = escaped!.fields.find((f) => f.name === 'status')!;
    expect(status).toMatchObject({ offset: 3, length: 2, hex: 'db dc' });
    expect(status.meaning).toMatch(/unknown status \(status 0xc0\) \(1 byte SLIP-escaped\)/);
    expect(unknown!.error).toMatchObject({ reason: 'unknown-endpoint' });
    expect(
      unknown!.fields.map((f) => [f.offset - escaped!.fields.at(-1)!.offset - 1, f.length, f.name]),
    ).toEqual([
      [0, 1, 'SLIP END'],
      [1, 2, 'bytes'],
      [3, 2, 'CRC'],
      [5, 1, 'SLIP END'],
    ]);
    expect(unknown!.fields[2]!.check!.ok).toBe(true);
  });

  it('bounds each payload field: a firmware date is ten characters, the name is the rest', () => {
    const body = `01 06 00 03 01 2a00 ${Buffer.from('01.02.2024WMBus').toString('hex')}`;
    const [frame] = explainIu891aFrames(handFrame(body));
    const named = frame!.fields.map((f) => [f.name, f.meaning]);
    expect(named).toContainEqual(['firmware date', '01.02.2024']);
    expect(named).toContainEqual(['payload', '5 bytes']);
    expect(named).toContainEqual(['status', 'ok (status 0x00)']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertAccepted,
  encodeConfigFields,
  encodeGetConfigRequest,
  encodeGetDeviceInfoRequest,
  encodePingRequest,
  encodeResetRequest,
  encodeSetConfigRequest,
  parseConfig,
  parseDeviceInfo,
  type StickConfigFields,
} from './commands';
import { StickError, HciError, HciParseError } from './errors';
import { decodeHciFrame } from './hci';
import { LINK_MODES, linkModeByCode, linkModeCode } from './link-modes';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const spaced = (buf: Buffer) =>
  buf
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

describe('request builders', () => {
  it('build the docs/ARCHITECTURE.md § iM871A command strings (CRC on by default)', () => {
    expect(spaced(encodePingRequest())).toBe('A5 81 01 00 24 89');
    expect(spaced(encodeGetDeviceInfoRequest())).toBe('A5 81 0F 00 34 13');
    expect(spaced(encodeResetRequest())).toBe('A5 81 07 00 F4 DD');
    expect(decodeHciFrame(encodeGetConfigRequest())).toMatchObject({
      endpoint: 1,
      messageId: 0x05,
      crc: { ok: true },
    });
  });

  it('reproduces the docs/ARCHITECTURE.md § iM871A set-config example: C1a, RSSI on, timestamp off, no CRC', () => {
    // A5 | 01 = endpoint 1, no flags | 03 set config | 06 LEN
    // 00 NVM flag: RAM only | 02 flag byte 1: link mode | 06 C1 format A
    // 30 flag byte 2: RSSI attachment 0x10 + timestamp attachment 0x20 | 01 RSSI on | 00 timestamp off
    const request = encodeSetConfigRequest({ linkMode: 'c1a', rssi: true, timestamp: false }, { crc: false });
    expect(spaced(request)).toBe('A5 01 03 06 00 02 06 30 01 00');
  });

  it('adds a CRC to set config by default and writes NVM only when asked', () => {
    const request = decodeHciFrame(encodeSetConfigRequest({ linkMode: 'c1b', saveToNvm: true }));
    expect(request.crc?.ok).toBe(true);
    expect(spaced(request.payload)).toBe('01 02 07 00'); // NVM | link mode C1b | empty flag byte 2
  });

  it('writes fields in bit order with multi-byte fields little-endian', () => {
    const fields: StickConfigFields = {
      deviceMode: 0,
      linkModeCode: 0x0a,
      manufacturerId: 0x2c2d,
      wmbusId: 0x32666857,
      radioChannel: 1,
      autoPowerSaving: 0,
      ledControl: 1,
    };
    // 9B = 01 device mode | 02 link mode | 08 M field | 10 id | 80 channel → 00 | 0A | 2D 2C | 57 68 66 32 | 01
    // 48 = 08 auto power saving | 40 LED control → 00 | 01
    expect(spaced(encodeConfigFields(fields))).toBe('9B 00 0A 2D 2C 57 68 66 32 01 48 00 01');
  });

  it('refuses a field value that does not fit', () => {
    expect(() => encodeConfigFields({ manufacturerId: 0x10000 })).toThrow(RangeError);
    expect(() => encodeSetConfigRequest({ linkMode: 'x1' as never })).toThrow(RangeError);
  });
});

describe('parseDeviceInfo', () => {
  it('reads module type, mode, versions and the little-endian id', () => {
    // 33 iM871A | 00 other | 14 firmware | 01 HCI | id 78 56 34 12
    expect(parseDeviceInfo(hex('33 00 14 01 78 56 34 12'))).toEqual({
      moduleType: 0x33,
      moduleName: 'iM871A',
      deviceMode: 0,
      deviceModeName: 'other',
      firmwareVersion: 0x14,
      hciVersion: 0x01,
      deviceId: '12345678',
      supportsC1T1: true,
    });
  });

  it('names what it does not know instead of failing', () => {
    expect(parseDeviceInfo(hex('99 07 13 01 00 00 00 00'))).toMatchObject({
      moduleName: 'unknown (0x99)',
      deviceModeName: 'unknown (0x07)',
      supportsC1T1: false,
    });
  });

  it('throws a typed parse error on a short payload', () => {
    expect(() => parseDeviceInfo(hex('33 00 14'))).toThrow(HciParseError);
  });
});

describe('parseConfig', () => {
  it('reads flag byte 1 fields then flag byte 2 fields', () => {
    // 03: device mode 00, link mode 06 | 30: RSSI 01, timestamp 00
    expect(parseConfig(hex('03 00 06 30 01 00'))).toEqual({
      deviceMode: 0,
      linkModeCode: 6,
      linkMode: 'c1a',
      autoRssi: 1,
      rssi: true,
      autoTimestamp: 0,
      timestamp: false,
    });
  });

  it('accepts a payload without flag byte 2 and unknown link mode codes', () => {
    expect(parseConfig(hex('02 0e'))).toEqual({ linkModeCode: 0x0e, linkMode: undefined });
  });

  it('round-trips every field through encodeConfigFields', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    const fields = fc.record(
      {
        deviceMode: byte,
        linkModeCode: byte,
        cField: byte,
        manufacturerId: fc.integer({ min: 0, max: 0xffff }),
        wmbusId: fc.nat({ max: 0xffffffff }),
        wmbusVersion: byte,
        deviceType: byte,
        radioChannel: byte,
        powerLevel: byte,
        dataRate: byte,
        rxWindow: byte,
        autoPowerSaving: byte,
        autoRssi: byte,
        autoTimestamp: byte,
        ledControl: byte,
        rtcControl: byte,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fields, (raw) => {
        expect(parseConfig(encodeConfigFields(raw))).toMatchObject(raw);
      }),
    );
  });

  it('throws only typed errors on random payloads', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), (bytes) => {
        try {
          parseConfig(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(HciError);
        }
      }),
    );
    expect(() => parseConfig(hex('10 01 02'))).toThrow(/wmbusId needs 5 bytes/);
  });
});

describe('link modes', () => {
  it('maps names and codes both ways', () => {
    expect(linkModeCode('s1')).toBe(0x00);
    expect(linkModeCode('t1')).toBe(0x03);
    expect(linkModeCode('c1a')).toBe(0x06);
    expect(linkModeCode('c1b')).toBe(0x07);
    expect(linkModeCode('c1t1')).toBe(0x0a);
    expect(linkModeByCode(0x07)?.label).toBe('C1 format B');
    expect(linkModeByCode(0x0b)).toBeUndefined();
    expect(new Set(LINK_MODES.map((mode) => mode.im871aCode)).size).toBe(LINK_MODES.length);
  });
});

describe('assertAccepted', () => {
  it('passes status 00 and an empty payload, refuses anything else', () => {
    expect(() => assertAccepted(hex('00'), 'set config')).not.toThrow();
    expect(() => assertAccepted(hex(''), 'set config')).not.toThrow();
    expect(() => assertAccepted(hex('01'), 'set config')).toThrow(StickError);
    expect(() => assertAccepted(hex('01'), 'set config')).toThrow(
      'the stick refused set config (status 0x01)',
    );
  });
});

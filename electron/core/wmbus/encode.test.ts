import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyCipherCache } from './aes-ctr';
import { decodeTelegram } from './decode';
import { normalizeFromL } from './dll-crc';
import {
  encodeOmniPowerTelegram,
  withDllCrcFormatA,
  withDllCrcFormatB,
  withLField,
  type OmniPowerTelegramSpec,
} from './encode';
import { framesFromC, OMNIPOWER_KEY, TELEGRAM_FIXTURES } from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';

describe('encodeOmniPowerTelegram', () => {
  const okFrames = TELEGRAM_FIXTURES.filter((f) => f.expect.outcome === 'ok').flatMap((f) => framesFromC(f));

  it.each(okFrames.map((frame) => [frame.toString('hex').slice(0, 32), frame]))(
    'reproduces the meter’s own telegram %s… byte for byte',
    (_name, frame) => {
      const decoded = decodeTelegram(frame, { keyFor: () => OMNIPOWER_KEY });
      const raw = decoded.records.map((r) => r.rawValue as number);
      const encoded = encodeOmniPowerTelegram({
        id: decoded.meter.id,
        key: OMNIPOWER_KEY,
        version: decoded.meter.version,
        accessNumber: decoded.accessNumber!,
        sessionNumber: decoded.sessionNumber!,
        minuteCounter: decoded.minuteCounter!,
        kind: decoded.frameKind,
        values: { aPlusWh10: raw[0]!, aMinusWh10: raw[1]!, pPlusW: raw[2]!, pMinusW: raw[3]! },
      });
      expect(encoded.toString('hex')).toBe(frame.toString('hex'));
    },
  );

  it('refuses values the meter cannot send', () => {
    const spec: OmniPowerTelegramSpec = {
      id: '32666857',
      key: OMNIPOWER_KEY,
      accessNumber: 1,
      kind: 'long',
      values: { aPlusWh10: 1, aMinusWh10: 0, pPlusW: 0, pMinusW: 0 },
    };
    expect(() => encodeOmniPowerTelegram({ ...spec, id: '3266685' })).toThrow(RangeError);
    expect(() => encodeOmniPowerTelegram({ ...spec, key: Buffer.alloc(8) })).toThrow(RangeError);
    expect(() => encodeOmniPowerTelegram({ ...spec, accessNumber: 256 })).toThrow(RangeError);
    expect(() => encodeOmniPowerTelegram({ ...spec, values: { ...spec.values, pPlusW: -1 } })).toThrow(
      RangeError,
    );
    expect(() => encodeOmniPowerTelegram({ ...spec, values: { ...spec.values, aPlusWh10: 1.5 } })).toThrow(
      RangeError,
    );
  });
});

describe('encode → decode round trip', () => {
  const register = fc.integer({ min: 0, max: 0x7fffffff });
  const spec = fc.record({
    id: fc.stringMatching(/^[0-9]{8}$/),
    key: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((k) => Buffer.from(k)),
    version: fc.integer({ min: 0, max: 255 }),
    accessNumber: fc.integer({ min: 0, max: 255 }),
    sessionNumber: fc.integer({ min: 0, max: 15 }),
    minuteCounter: fc.integer({ min: 0, max: 0x1ffffff }),
    kind: fc.constantFrom('long' as const, 'compact' as const),
    values: fc.record({ aPlusWh10: register, aMinusWh10: register, pPlusW: register, pMinusW: register }),
  });
  const forms = {
    fromC: (frame: Buffer) => frame,
    fromLWithoutCrc: (frame: Buffer) => {
      // 1 in 65536 frames end in bytes that are a valid format-B CRC: those are truly ambiguous.
      const normalized = normalizeFromL(withLField(frame));
      return normalized.dll === 'none' ? normalized.frame : frame;
    },
    formatA: (frame: Buffer) => normalizeFromL(withDllCrcFormatA(frame)).frame,
    formatB: (frame: Buffer) => normalizeFromL(withDllCrcFormatB(frame)).frame,
  };

  it.each(Object.entries(forms))('decodes what it encodes, via %s', (_form, toFrame) => {
    const ciphers = new KeyCipherCache();
    const formats = new FormatRegistry();
    fc.assert(
      fc.property(spec, (s) => {
        const frame = toFrame(encodeOmniPowerTelegram(s, ciphers));
        const decoded = decodeTelegram(frame, {
          keyFor: (id) => (id === s.id ? s.key : undefined),
          ciphers,
          formats,
        });
        expect(decoded.meter).toEqual({
          id: s.id,
          manufacturer: 'KAM',
          version: s.version,
          type: 2,
          medium: 'electricity',
        });
        expect(decoded).toMatchObject({
          accessNumber: s.accessNumber,
          sessionNumber: s.sessionNumber,
          minuteCounter: s.minuteCounter,
          frameKind: s.kind,
          encryption: 'aes-ctr',
        });
        expect(decoded.records.map((r) => r.rawValue)).toEqual([
          s.values.aPlusWh10,
          s.values.aMinusWh10,
          s.values.pPlusW,
          s.values.pMinusW,
        ]);
        expect(decoded.values).toEqual({
          'A+': { value: s.values.aPlusWh10 / 100, unit: 'kWh' },
          'A-': { value: s.values.aMinusWh10 / 100, unit: 'kWh' },
          'P+': { value: s.values.pPlusW / 1000, unit: 'kW' },
          'P-': { value: s.values.pMinusW / 1000, unit: 'kW' },
        });
      }),
      { numRuns: 200 },
    );
  });
});

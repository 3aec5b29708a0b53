import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import type { RecordView } from '../../core/wmbus';
import { JsonBytes } from '../json-bytes';
import { decodeCorpusLines, MULTICAL21, OMNIPOWER, OMS_METER } from './decode-test-support';
import { DecodeJson } from './decode-json';
import { decodeLine, type DecodedResult, type DecodeOptions, type DecodeResult } from './decode-result';

const keyOf = (hex: string) => Buffer.from(hex, 'hex');
const monitored = () => new Map([OMNIPOWER, MULTICAL21, OMS_METER].map((m) => [m.id, keyOf(m.key)]));

/** The decode option sets the CLI's flags give. */
const OPTION_SETS: Record<string, () => Omit<DecodeOptions, 'now'>> = {
  '--meter …': () => ({ decoder: decoder(monitored()), gatewayId: null, explain: false, wmbusmeters: false }),
  '--key': () => ({
    decoder: decoder(null, OMS_METER.key),
    gatewayId: null,
    explain: false,
    wmbusmeters: false,
  }),
  'no keys': () => ({ decoder: decoder(null), gatewayId: null, explain: false, wmbusmeters: false }),
  '--gateway --wmbusmeters': () => ({
    decoder: decoder(monitored()),
    gatewayId: '706462169',
    explain: false,
    wmbusmeters: true,
  }),
  '--explain --gateway': () => ({
    decoder: decoder(monitored()),
    gatewayId: '1',
    explain: true,
    wmbusmeters: false,
  }),
};

function decoder(keys: Map<string, Buffer> | null, fallbackKey?: string): TelegramDecoder {
  return new TelegramDecoder({
    monitored: keys,
    fallbackKey: fallbackKey === undefined ? null : keyOf(fallbackKey),
  });
}

/** Each result through one writer (so its reused parts meet every kind) beside JSON.stringify. */
function compare(results: DecodeResult[]): void {
  const json = new DecodeJson();
  const out = new JsonBytes();
  for (const result of results) {
    json.write(result, out);
    expect(out.take()).toBe(`${JSON.stringify(result)}\n`);
  }
}

describe('DecodeJson writes each result as JSON.stringify does', () => {
  const lines = decodeCorpusLines();

  it.each(Object.keys(OPTION_SETS))('on every kind of input line, decoded with %s', (set) => {
    const options = { ...OPTION_SETS[set]!(), now: () => new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) };
    const results = lines.flatMap((text, i) => decodeLine(text, i + 1, options));
    // The corpus must reach every shape and outcome, or the comparison proves less than it says.
    const outcomes = new Set(results.map((r) => (r.ok ? `ok ${r.driver} ${r.frameKind}` : r.error.code)));
    if (set === '--meter …') {
      expect([...outcomes].sort()).toEqual(
        [
          'CRC',
          'HCI_CRC',
          'PARSE',
          'UNKNOWN_METER',
          'UNSUPPORTED',
          'ok generic long',
          'ok multical21 compact',
          'ok multical21 long',
          'ok omnipower compact',
          'ok omnipower long',
        ].sort(),
      );
    }
    const framings = ['hci', 'iu891a', 'seed-pipe', 'wmbus', 'wmbus-dll-a', 'wmbus-dll-b'];
    expect(new Set(results.map((r) => r.framing ?? null))).toEqual(new Set([...framings, null]));
    compare(results);
    // The writer reuses a meter's JSON while these fields match: a new field must be compared too.
    for (const result of results)
      if (result.ok)
        expect(Object.keys(result.meter)).toEqual(['id', 'manufacturer', 'version', 'type', 'medium']);
  });

  it('on any meter, values and records, reusing nothing that changed', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\u0001', ' ', 'k', 'W', 'h') });
    const value = fc.oneof(fc.double(), fc.integer(), text, fc.constant(null));
    const small = fc.integer({ min: 0, max: 2 });
    const record: fc.Arbitrary<RecordView> = fc.record({
      // Few of each part, so that parts which differ in one field only meet in the writer's cache.
      difvif: fc.constantFrom('0404', '04843c', '0dfd0c'),
      quantity: fc.constantFrom('energy', 'volume', 'plain-text unit'),
      unit: fc.option(fc.constantFrom('kWh', 'm3', 'm"\\')),
      value,
      storage: small,
      tariff: small,
      subunit: small,
      function: fc.constantFrom('instantaneous', 'maximum', 'minimum', 'error'),
    });
    const result: fc.Arbitrary<DecodedResult> = fc.record({
      line: fc.nat(),
      framing: fc.constantFrom('hci', 'seed-pipe', 'wmbus', 'wmbus-dll-a', 'wmbus-dll-b'),
      offset: fc.nat(),
      ok: fc.constant(true),
      meter: fc.record({
        id: fc.constantFrom('32666857', '76348799'),
        manufacturer: fc.constantFrom('KAM', 'ELS'),
        version: fc.constantFrom(0x30, 0x1b),
        type: fc.constantFrom(2, 0x16),
        medium: fc.constantFrom('electricity', 'cold "water"'),
      }),
      driver: fc.constantFrom('omnipower', 'generic'),
      values: fc.dictionary(
        fc.constantFrom('A+', 'P-', 'total_volume', '"q"', '__x'),
        fc.record({ value: fc.oneof(fc.double(), text), unit: fc.constantFrom('kWh', 'kW', '', 'é') }),
      ),
      frameKind: fc.constantFrom('long', 'compact'),
      accessNumber: fc.option(fc.nat(255)),
      encryption: fc.constantFrom('none', 'aes-ctr', 'aes-cbc'),
      records: fc.array(record, { maxLength: 5 }),
      rssi: fc.option(fc.nat(255)),
      rssiDbm: fc.option(fc.double()),
      stickCrc: fc.option(
        fc.record({
          expected: fc.nat(0xffff),
          actual: fc.nat(0xffff),
          ok: fc.boolean(),
          enforced: fc.boolean(),
        }),
      ),
    }) as fc.Arbitrary<DecodedResult>;
    fc.assert(
      fc.property(fc.array(result, { minLength: 1, maxLength: 8 }), (results) => {
        compare(results);
      }),
    );
  });
});

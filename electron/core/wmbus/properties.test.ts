import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyCipherCache } from './aes-ctr';
import { crc16En13757 } from './crc';
import { decodeTelegram, type DecodeOptions } from './decode';
import { normalizeFromL, withDllCrcFormatA } from './dll-crc';
import { ellSessionField } from './ell';
import { encodeOmniPowerTelegram } from './encode';
import { DecodeError } from './errors';
import { explainTelegram } from './explain';
import { framesFromC, OMNIPOWER_ID, OMNIPOWER_KEY, TELEGRAM_FIXTURES } from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';
import { encodeOmsTelegram, encodeRecords, manufacturerData } from './test-support/oms-encoder';

/**
 * Random and mutated bytes never throw anything but a DecodeError — and never one that
 * only wraps an unexpected exception (which would be a bug we papered over) — and always terminate.
 */

/** Security mode 5 telegrams (short and long TPL header, partly encrypted, behind ELL I) for meter 12345678. */
const OMS_ID = '12345678';
const OMS_KEY = Buffer.from('0102030405060708090a0b0c0d0e0f11', 'hex');
const omsFrames = (): Buffer[] => {
  const meter = { manufacturer: 'ELS', id: OMS_ID, version: 0x33, type: 0x03 };
  const records = Buffer.concat([
    encodeRecords([
      { dataField: 0x0c, vif: 0x13, value: 12345678 },
      { dataField: 0x84, vif: 0x04, vifes: [0x3c], storage: 3, tariff: 1, value: -5 },
      { dataField: 0x0d, vif: 0xfd, vifes: [0x0c], value: 'abc' },
    ]),
    manufacturerData(Buffer.from('0102', 'hex')),
  ]);
  const mode5 = { key: OMS_KEY };
  return [
    encodeOmsTelegram({ meter, tpl: { header: 'short', accessNumber: 1 }, records, mode5 }),
    encodeOmsTelegram({ meter, tpl: { header: 'long', accessNumber: 2 }, records, mode5 }),
    encodeOmsTelegram({
      meter,
      ell: { ci: 0x8c, accessNumber: 3 },
      tpl: { header: 'short' },
      records,
      mode5,
    }),
    encodeOmsTelegram({
      meter,
      tpl: { header: 'short', accessNumber: 4 },
      records: records.subarray(0, 6),
      mode5: { key: OMS_KEY, plaintextTail: records.subarray(6) },
    }),
  ];
};

const options = (): DecodeOptions => ({
  keyFor: (id) => (id === OMNIPOWER_ID ? OMNIPOWER_KEY : id === OMS_ID ? OMS_KEY : undefined),
  ciphers: new KeyCipherCache(),
  formats: new FormatRegistry({ maxLearned: 16 }),
});

function expectOnlyDecodeErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).not.toMatch(/^Internal decoder error/);
    expect(['PARSE', 'NO_KEY', 'CRC', 'UNSUPPORTED']).toContain((error as DecodeError).code);
  }
}

function exerciseAll(frame: Buffer, opts: DecodeOptions): void {
  expectOnlyDecodeErrors(() => decodeTelegram(frame, opts));
  expectOnlyDecodeErrors(() => normalizeFromL(frame));
  const fields = explainTelegram(frame, opts);
  expect(Array.isArray(fields)).toBe(true);
  for (const f of fields) expect(f.offset).toBeGreaterThanOrEqual(0);
}

const validFrames: Buffer[] = [
  ...TELEGRAM_FIXTURES.filter(
    (f) => f.framing.startsWith('seed-pipe') || f.framing.startsWith('im871a'),
  ).flatMap(framesFromC),
  ...(['long', 'compact'] as const).map((kind) =>
    encodeOmniPowerTelegram({
      id: OMNIPOWER_ID,
      key: OMNIPOWER_KEY,
      accessNumber: 9,
      kind,
      values: { aPlusWh10: 123456, aMinusWh10: 7, pPlusW: 1500, pMinusW: 0 },
    }),
  ),
  ...omsFrames(),
];

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'set'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(frame: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(frame);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'truncate') out = out.subarray(0, at);
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else if (at < out.length) out[at] = m.kind === 'flip' ? out[at]! ^ m.mask : m.value;
  }
  return out;
}

/** A link header for meter 32666857 with the given CI. */
const header = (ci: number) => Buffer.from([0x44, 0x2d, 0x2c, 0x57, 0x68, 0x66, 0x32, 0x30, 0x02, ci]);

/** Unencrypted ELL II frame with a valid payload CRC, so random application layers get past the CRC. */
function unencryptedEll(app: Uint8Array): Buffer {
  const ell = Buffer.alloc(6);
  ell[0] = 0x20;
  ell.writeUInt32LE(ellSessionField('none', 5, 1), 2);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16En13757(app));
  return Buffer.concat([header(0x8d), ell, crc, app]);
}

describe('decoder robustness (fast-check)', () => {
  it('random bytes', () => {
    const opts = options();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 260 }), (bytes) => exerciseAll(Buffer.from(bytes), opts)),
      { numRuns: 3000 },
    );
  });

  it('mutated valid frames', () => {
    const opts = options();
    fc.assert(
      fc.property(
        fc.constantFrom(...validFrames),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (frame, ms) => exerciseAll(mutate(frame, ms), opts),
      ),
      { numRuns: 3000 },
    );
  });

  it('random records behind a plain TPL-CI (0x78, 0x79, 0x7A, 0x72, anything)', () => {
    const opts = options();
    const tplCi = fc.constantFrom(0x78, 0x79, 0x7a, 0x72, 0x8c, 0x8d);
    fc.assert(
      fc.property(tplCi, fc.uint8Array({ maxLength: 200 }), (ci, body) =>
        exerciseAll(Buffer.concat([header(ci), body]), opts),
      ),
      { numRuns: 3000 },
    );
  });

  it('random application layers that pass the payload CRC', () => {
    const opts = options();
    const app = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from([0x78]), b])),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.concat([Buffer.from([0x79, 0x13, 0x8c]), b])),
    );
    fc.assert(
      fc.property(app, (bytes) => exerciseAll(unencryptedEll(bytes), opts)),
      { numRuns: 3000 },
    );
  });

  it('random records encrypted in security mode 5 behind a short or long TPL header', () => {
    const opts = options();
    const meter = { manufacturer: 'ELS', id: OMS_ID, version: 0x33, type: 0x03 };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), fc.nat(255), (records, long, acc) =>
        exerciseAll(
          encodeOmsTelegram({
            meter,
            tpl: { header: long ? 'long' : 'short', accessNumber: acc },
            records,
            mode5: { key: OMS_KEY },
          }),
          opts,
        ),
      ),
      { numRuns: 2000 },
    );
  });

  it('mutated frames with data-link CRCs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validFrames), fc.array(mutation, { maxLength: 3 }), (frame, ms) =>
        expectOnlyDecodeErrors(() => normalizeFromL(mutate(withDllCrcFormatA(frame), ms))),
      ),
      { numRuns: 2000 },
    );
  });
});

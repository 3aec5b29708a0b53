// Test support: stdin lines of every kind `cli decode` meets, for tests that must hold over all of
// its output (the JSON writer against JSON.stringify, the stream against the argument form).
import { indicationMessage, slip, withCrc } from '../../core/inspect/iu891a-test-support';
import { encodeHciFrame } from '../../core/stick';
import {
  encodeMultical21Telegram,
  encodeOmniPowerTelegram,
  withDllCrcFormatA,
  withDllCrcFormatB,
  withLField,
} from '../../core/wmbus';
import { TELEGRAM_FIXTURES } from '../../core/wmbus/fixtures/telegram-fixtures';
import { MYTAPWATER_LONG_ENCRYPTED, PUBLISHED_KEY_HEX } from '../../core/wmbus/fixtures/multical21-published';
import {
  dateG,
  dateTimeF,
  encodeOmsTelegram,
  encodeRecords,
  manufacturerData,
  type RecordSpec,
} from '../../core/wmbus/test-support/oms-encoder';

export const OMNIPOWER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };
export const MULTICAL21 = { id: '76348799', key: PUBLISHED_KEY_HEX };
/** A generic OMS meter (not Kamstrup) whose mode-5 telegrams need this key. */
export const OMS_METER = { id: '12345678', key: '000102030405060708090A0B0C0D0E0F' };

/** `--meter` arguments for every meter of the corpus that has a key. */
export const CORPUS_METER_ARGS = [OMNIPOWER, MULTICAL21, OMS_METER].flatMap((m) => [
  '--meter',
  `${m.id}=${m.key}`,
]);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const hci = (payload: Uint8Array, extra: { rssi?: number; timestamp?: number } = {}) =>
  encodeHciFrame({ endpoint: 2, messageId: 3, payload, ...extra });

function omnipower(i: number, kind: 'long' | 'compact', id = OMNIPOWER.id): Buffer {
  return encodeOmniPowerTelegram({
    id,
    key: Buffer.from(OMNIPOWER.key, 'hex'),
    accessNumber: i & 0xff,
    kind,
    values: { aPlusWh10: 215 + 37 * i, aMinusWh10: i % 3, pPlusW: 300 + (i % 50), pMinusW: i % 7 },
  });
}

function multical21(i: number, kind: 'long' | 'compact'): Buffer {
  return encodeMultical21Telegram({
    id: MULTICAL21.id,
    key: Buffer.from(MULTICAL21.key, 'hex'),
    accessNumber: i,
    kind,
    reading: {
      infoCodes: [0, 0x71, 0x02, 0x8004][i % 4]!,
      totalLitres: 6408 + i,
      targetLitres: 6000 + i,
      flowTemperatureC: 12 + i,
      externalTemperatureC: -3 + i,
    },
  });
}

/** Records of many kinds: integers, BCD, a real, dates, text, plain-text units, extensions, manufacturer data. */
const OMS_RECORDS: readonly RecordSpec[] = [
  { dataField: 0x04, vif: 0x13, value: 123456 },
  { dataField: 0x0c, vif: 0x06, value: 12345678, storage: 3, tariff: 1 },
  { dataField: 0x0a, vif: 0x16, value: -234 },
  { dataField: 0x05, vif: 0x2b, value: -1.5 },
  { dataField: 0x05, vif: 0x3b, value: Number.NaN },
  { dataField: 0x02, vif: 0x5b, value: -12, function: 'minimum' },
  { dataField: 0x02, vif: 0x6c, value: dateG({ year: 2031, month: 12, day: 31 }), storage: 1 },
  { dataField: 0x04, vif: 0x6d, value: dateTimeF({ year: 2024, month: 2, day: 29, hour: 23, minute: 59 }) },
  { dataField: 0x0d, vif: 0xfd, vifes: [0x0c], value: 'OMS "1" \\ \u0001 é' },
  { dataField: 0x02, vif: 0xfc, value: 7 },
  { dataField: 0x01, vif: 0xfd, vifes: [0x17], value: 0x81 },
  { dataField: 0x07, vif: 0x03, value: 2n ** 62n + 1n, subunit: 1 },
  { dataField: 0x04, vif: 0x83, vifes: [0x3c], value: 42, function: 'maximum' },
  { dataField: 0x00, vif: 0x13 },
];

/** A plain-text VIF (7C/FC): length and characters (last first) between VIF and data; here `m"\` and DEL. */
const PLAIN_TEXT_UNIT = Buffer.from([0x01, 0x7c, 0x04, 0x7f, 0x5c, 0x22, 0x6d, 0x09]);

function omsTelegrams(): Buffer[] {
  const meter = { manufacturer: 'ELS', id: OMS_METER.id, version: 0x39, type: 0x07 };
  const records = Buffer.concat([
    encodeRecords(OMS_RECORDS),
    PLAIN_TEXT_UNIT,
    manufacturerData(Buffer.from('0102', 'hex')),
  ]);
  const key = Buffer.from(OMS_METER.key, 'hex');
  const wrongKey = Buffer.alloc(16, 7);
  return [
    encodeOmsTelegram({ meter, tpl: { header: 'none' }, records }),
    encodeOmsTelegram({ meter, tpl: { header: 'short', accessNumber: 9, status: 0x10 }, records }),
    encodeOmsTelegram({ meter, tpl: { header: 'long', accessNumber: 10 }, records, mode5: { key } }),
    encodeOmsTelegram({
      meter,
      tpl: { header: 'short', accessNumber: 11 },
      records,
      mode5: { key: wrongKey },
    }),
    encodeOmsTelegram({ meter, ell: { ci: 0x8c, accessNumber: 12 }, tpl: { header: 'short' }, records }),
    encodeOmsTelegram({ meter: { ...meter, id: '87654321' }, tpl: { header: 'short' }, records }),
  ];
}

/** Lines that are not telegrams, or damaged ones: each must give its error and never stop the stream. */
function damagedLines(): string[] {
  const good = hci(omnipower(1, 'long'));
  const badCrc = Buffer.from(good);
  badCrc[20]! ^= 0xff;
  const wrongKeyMeter = omnipower(2, 'long');
  wrongKeyMeter[30]! ^= 0x01;
  return [
    '',
    '   ',
    'zz',
    'abc',
    'é5',
    '\u01300a',
    '0x' + hex(withLField(omnipower(3, 'long'))),
    hex(good)
      .replace(/(..)/g, '$1 ')
      .replace(/ (..) /, ':$1_'),
    `\t${hex(good)}  `,
    hex(badCrc),
    hex(Buffer.concat([Buffer.from('0011', 'hex'), badCrc, good])),
    hex(good.subarray(0, 12)),
    hex(encodeHciFrame({ endpoint: 1, messageId: 0x10, payload: Buffer.from('00', 'hex') })),
    hex(hci(wrongKeyMeter)),
    hex(hci(omnipower(4, 'long', '11112222'))),
    hex(withLField(Buffer.from('44a511', 'hex'))),
    '2f2f2f2f',
    hex(withLField(Buffer.from('442d2c57686632300288', 'hex'))),
  ];
}

/** Every line kind once or more; `--meter CORPUS_METER_ARGS` decodes the ones meant to decode. */
/** iU891A reads: indications (one with escaped bytes, -64 dBm being C0), a response, a damaged frame. */
function iu891aLines(): string[] {
  const indication = (i: number, rssiDbm: number) =>
    slip(indicationMessage(omnipower(i, 'compact'), i, rssiDbm));
  const damaged = indicationMessage(multical21(9, 'compact'), 9, -70);
  damaged[25]! ^= 0x01;
  return [
    hex(indication(200, -64)),
    hex(Buffer.concat([slip(withCrc([0x01, 0x02, 0x00])), indication(201, -71), slip(damaged)])),
  ];
}

export function decodeCorpusLines(): string[] {
  const lines: string[] = TELEGRAM_FIXTURES.map((f) => f.hex);
  for (let i = 0; i < 16; i++) {
    const kind = i % 8 === 0 ? 'long' : 'compact';
    lines.push(
      hex(hci(omnipower(i, kind), i % 2 ? { rssi: 20 + 15 * i } : { rssi: 120, timestamp: i * 1000 })),
    );
  }
  const frame = omnipower(99, 'long');
  lines.push(hex(withLField(frame)), hex(withDllCrcFormatA(frame)), hex(withDllCrcFormatB(frame)));
  lines.push(hex(hci(frame)) + hex(hci(omnipower(100, 'compact'))));
  lines.push(MYTAPWATER_LONG_ENCRYPTED);
  for (let i = 0; i < 4; i++) lines.push(hex(hci(multical21(i, i === 0 ? 'long' : 'compact'))));
  for (const telegram of omsTelegrams()) lines.push(hex(withLField(telegram)), hex(hci(telegram)));
  lines.push(...damagedLines(), ...iu891aLines());
  return lines;
}

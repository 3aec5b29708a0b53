import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { encodeHciFrame } from '../../core/stick';
import { encodeOmniPowerTelegram, withDllCrcFormatA, withDllCrcFormatB, withLField } from '../../core/wmbus';
import {
  TELEGRAM_FIXTURES,
  type ExpectedFrame,
  type TelegramFixture,
} from '../../core/wmbus/fixtures/telegram-fixtures';
import {
  MYTAPWATER_LONG_ENCRYPTED,
  MYTAPWATER_WMBUSMETERS,
  PUBLISHED_KEY_HEX,
} from '../../core/wmbus/fixtures/multical21-published';
import { APP_ROOT } from '../paths';
import { runCli } from '../dispatch';
import { runCliCaptured, type JsonLine } from '../test-support';

type Out = JsonLine;
const decode = (...argv: string[]) => runCliCaptured(['decode', ...argv]);

const meterArgs = (f: TelegramFixture) => (f.meters ?? []).flatMap((m) => ['--meter', `${m.id}=${m.key}`]);

/** The fixture's words for an outcome, as the CLI's error codes. */
const CODE_FOR: Record<string, string> = {
  'cannot decrypt: no key': 'NO_KEY',
  'not this meter': 'UNKNOWN_METER',
  'payload CRC failure': 'CRC',
  'parse error': 'PARSE',
};

function expectFrame(actual: Out, expected: ExpectedFrame) {
  if (expected.outcome === 'ok') {
    expect(actual).toMatchObject({ ok: true, meter: { id: expected.meter, manufacturer: 'KAM' } });
    for (const [name, [value, unit]] of Object.entries(expected.values ?? {})) {
      expect(actual['values'][name]).toEqual({ value, unit });
    }
  } else {
    expect(actual).toMatchObject({ ok: false, error: { code: CODE_FOR[expected.outcome] } });
    if (expected.meter) expect(actual['meter'].id).toBe(expected.meter);
  }
}

describe('cli decode on the shared test telegrams', () => {
  const cases = TELEGRAM_FIXTURES.filter((f) => f.framing !== 'crc16-en13757');
  it.each(cases.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const { code, stdout } = await decode(...meterArgs(f), f.hex);
    expect(code).toBe(0);
    const expected = f.expect.frames ?? [f.expect];
    expect(stdout).toHaveLength(expected.length);
    stdout.forEach((o, i) => {
      expect(o['line']).toBe(1);
      expectFrame(o, expected[i]!);
    });
  });

  it('reports the pipe form’s stick CRC without enforcing it', async () => {
    const placeholder = TELEGRAM_FIXTURES.find((f) => f.name === 'seed-03')!;
    const { stdout } = await decode(...meterArgs(placeholder), placeholder.hex);
    expect(stdout[0]).toMatchObject({
      ok: true,
      framing: 'seed-pipe',
      stickCrc: { ok: false, enforced: false, actual: 0xffff },
    });
  });
});

describe('cli decode input forms', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
  const meter = ['--meter', `12345678=${key.toString('hex')}`];
  const frame = encodeOmniPowerTelegram({
    id: '12345678',
    key,
    accessNumber: 7,
    kind: 'long',
    values: { aPlusWh10: 123456, aMinusWh10: 42, pPlusW: 1500, pMinusW: 0 },
  });
  const values = {
    'A+': { value: 1234.56, unit: 'kWh' },
    'A-': { value: 0.42, unit: 'kWh' },
    'P+': { value: 1.5, unit: 'kW' },
  };

  it.each([
    ['wmbus', withLField(frame)],
    ['wmbus-dll-a', withDllCrcFormatA(frame)],
    ['wmbus-dll-b', withDllCrcFormatB(frame)],
    ['hci', encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 0x80, timestamp: 99 })],
  ])('decodes the %s form', async (framing, bytes) => {
    const { stdout } = await decode(...meter, bytes.toString('hex'));
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatchObject({ ok: true, framing, values });
  });

  it('ignores spaces, colons and underscores inside hex and numbers arguments from 1', async () => {
    const hex = withLField(frame).toString('hex');
    const spaced = hex.replace(/(..)/g, '$1 ').replace(/ (..) /, ':$1_');
    const { stdout } = await decode(...meter, 'zz', spaced);
    expect(stdout.map((o) => [o['line'], o['ok']])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('keeps decoding after a damaged stick frame and names the meter it carried', async () => {
    const good = encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame });
    const bad = Buffer.from(good);
    bad[20]! ^= 0xff;
    const { stdout } = await decode(
      ...meter,
      Buffer.concat([Buffer.from('0011', 'hex'), bad, good]).toString('hex'),
    );
    expect(stdout.map((o) => o['error']?.code ?? 'ok')).toEqual(['HCI_CRC', 'ok']);
    expect(stdout[0]!['meter'].id).toBe('12345678');
    expect(stdout[0]!['offset']).toBe(2);
  });

  it('says NO_KEY without a key and decodes with --key for any meter', async () => {
    const hex = withLField(frame).toString('hex');
    expect((await decode(hex)).stdout[0]).toMatchObject({
      ok: false,
      error: { code: 'NO_KEY' },
      meter: { id: '12345678' },
    });
    expect((await decode('--key', key.toString('hex'), hex)).stdout[0]).toMatchObject({ ok: true });
  });

  it('adds the API v2 data messages with --gateway: A± in kWh, P± in W', async () => {
    const { stdout } = await decode(...meter, '--gateway', '706462169', withLField(frame).toString('hex'));
    const publish = stdout[0]!['publish'] as Array<{ topic: string; payload: Out }>;
    expect(publish.map((p) => p.topic)).toEqual(Array(4).fill('v2/706462169/kam-12345678/data'));
    expect(
      publish.map((p) => [p.payload['channelNumber'], p.payload['dataType'], p.payload['value']]),
    ).toEqual([
      [1, 'accumulated-power', 1234.56],
      [2, 'accumulated-power', 0.42],
      [3, 'power', 1500],
      [4, 'power', 0],
    ]);
    expect(publish[0]!.payload['timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('explains every byte with offsets into the input', async () => {
    const hci = encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame });
    const { stdout } = await decode(...meter, '--explain', hci.toString('hex'));
    const fields = stdout[0]!['explain'] as Array<{
      offset: number;
      name: string;
      hex: string;
      check?: { ok: boolean };
    }>;
    expect(fields[0]).toMatchObject({ offset: 0, name: 'iM871A SOF', hex: 'a5' });
    expect(fields.find((f) => f.name === 'C field')).toMatchObject({ offset: 4, hex: '44' }); // after A5 CE MID LEN
    expect(fields.at(-1)).toMatchObject({ name: 'stick CRC', offset: hci.length - 2, check: { ok: true } });
    expect(fields.some((f) => /crc/i.test(f.name))).toBe(true);
  });
});

describe('cli decode usage', () => {
  it.each([
    [['--meter', '1234=00'], /meter id of --meter ID=KEY is 8 digits .*"1234" has 4 digits/],
    [['--meter', '12345678=abc'], /key of meter 12345678 is 32 hex digits \(16 bytes\); this one has 3\./],
    [['--key', 'nothex'], /key given with --key may contain only 0–9 and A–F; "n" is not a hex digit/],
    [['--gateway', 'gw-1'], /--gateway must be/],
    [['--frobnicate'], /frobnicate/],
  ])('exits 2 on %j', async (args, message) => {
    const { code, stderr, stdout } = await decode(...args, '00');
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toHaveLength(0);
  });

  it('reads one telegram per stdin line through npm, as documented', () => {
    const lines = TELEGRAM_FIXTURES.filter((f) => f.framing === 'seed-pipe').map((f) => f.hex);
    const run = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'decode', '--meter', '32666857=9A25139E3244CC2E391A8EF6B915B697'],
      { cwd: APP_ROOT, input: `${lines.join('\n')}\n\n`, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Out);
    expect(out.map((o) => o['line'])).toEqual([...lines.map((_, i) => i + 1), lines.length + 1]);
    expect(out.at(-1)).toMatchObject({ ok: false, error: { code: 'PARSE' } });
  });
});

describe('cli decode reads the meter driver', () => {
  // wmbusmeters' encrypted Multical 21 example and its key (see the fixture for the source).
  const MULTICAL21 = MYTAPWATER_LONG_ENCRYPTED;
  const MULTICAL21_KEY = PUBLISHED_KEY_HEX;
  const seed01 = TELEGRAM_FIXTURES.find((f) => f.name === 'seed-01')!; // an OmniPower long telegram

  it('keeps the OmniPower values and adds the driver and every record, normalised', async () => {
    const { stdout } = await decode(...meterArgs(seed01), seed01.hex);
    expect(stdout[0]).toMatchObject({
      ok: true,
      driver: 'omnipower',
      values: {
        'A+': { value: 2.15, unit: 'kWh' },
        'A-': { value: 0, unit: 'kWh' },
        'P+': { value: 0.003, unit: 'kW' },
        'P-': { value: 0, unit: 'kW' },
      },
    });
    const records = stdout[0]!['records'] as Out[];
    // The contract's keys, in its order, for every record.
    for (const record of records)
      expect(Object.keys(record)).toEqual([
        'difvif',
        'quantity',
        'unit',
        'value',
        'storage',
        'tariff',
        'subunit',
        'function',
      ]);
    expect(records.map((r) => [r['difvif'], r['quantity'], r['unit'], r['value'], r['function']])).toEqual([
      ['0404', 'energy', 'kWh', 2.15, 'instantaneous'],
      ['04843c', 'energy, backward flow', 'kWh', 0, 'instantaneous'],
      ['042b', 'power', 'W', 3, 'instantaneous'],
      ['04ab3c', 'power, backward flow', 'W', 0, 'instantaneous'],
    ]);
    expect(records.every((r) => r['storage'] === 0 && r['tariff'] === 0 && r['subunit'] === 0)).toBe(true);
  });

  it('offers OmniPower values under wmbusmeters’ names with --wmbusmeters', async () => {
    const { stdout } = await decode(...meterArgs(seed01), '--wmbusmeters', seed01.hex);
    expect(stdout[0]!['wmbusmeters']).toMatchObject({
      _: 'telegram',
      media: 'electricity',
      meter: 'omnipower',
      id: '32666857',
      total_energy_consumption_kwh: 2.15,
      total_energy_production_kwh: 0,
      current_power_consumption_kw: 0.003,
      current_power_production_kw: 0,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('decodes a Multical 21 and prints what wmbusmeters prints for it with --wmbusmeters', async () => {
    const { stdout } = await decode('--meter', `76348799=${MULTICAL21_KEY}`, '--wmbusmeters', MULTICAL21);
    expect(stdout[0]).toMatchObject({
      ok: true,
      meter: { id: '76348799', manufacturer: 'KAM', medium: 'cold water' },
      driver: 'multical21',
      values: {
        total_volume: { value: 6.408, unit: 'm3' },
        target_volume: { value: 6.408, unit: 'm3' },
        flow_temperature: { value: 127, unit: 'C' },
        external_temperature: { value: 19, unit: 'C' },
        info_codes: { value: 'dry now (active 22-31 days)', unit: '' },
      },
    });
    // wmbusmeters' own output for this telegram, but for the name and time its test uses.
    const { name: _name, timestamp: _timestamp, ...published } = JSON.parse(MYTAPWATER_WMBUSMETERS) as Out;
    expect(stdout[0]!['wmbusmeters']).toMatchObject({ ...published, name: '' });
    expect((stdout[0]!['records'] as Out[]).map((r) => [r['difvif'], r['unit'], r['value']])).toEqual([
      ['02ff20', null, 113],
      ['0413', 'm3', 6.408],
      ['4413', 'm3', 6.408],
      ['615b', 'C', 127],
      ['6167', 'C', 19],
    ]);
  });

  it('publishes nothing for a Multical 21 with --gateway, and says why', async () => {
    const { stdout } = await decode(
      '--meter',
      `76348799=${MULTICAL21_KEY}`,
      '--gateway',
      '706462169',
      MULTICAL21,
    );
    expect(stdout[0]).toMatchObject({
      ok: true,
      publish: [],
      unpublishedReason: expect.stringMatching(/no channels for water meters/),
    });
  });

  it('names the driver from the header when the telegram cannot be decoded', async () => {
    const { stdout } = await decode(MULTICAL21);
    expect(stdout[0]).toMatchObject({ ok: false, error: { code: 'NO_KEY' }, driver: 'multical21' });
    expect(stdout[0]).not.toHaveProperty('records');
  });
});

describe('cli decode where stdin cannot be read (the installed app on Windows)', () => {
  it('says so and exits 2 instead of reading nothing', async () => {
    const io = {
      out: () => undefined,
      text: () => undefined,
      raw: async () => undefined,
      err: () => undefined,
    };
    const errors: string[] = [];
    const code = await runCli(
      ['decode'],
      { ...io, err: (t) => errors.push(t) },
      { noStdin: 'no stdin here' },
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(
      /decode has no telegrams to read: no stdin here\. Give them as arguments/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { encodeHciFrame } from '../../core/dongle';
import { encodeOmniPowerTelegram, withDllCrcFormatA, withDllCrcFormatB, withLField } from '../../core/wmbus';
import {
  TELEGRAM_FIXTURES,
  type ExpectedFrame,
  type TelegramFixture,
} from '../../core/wmbus/fixtures/telegram-fixtures';
import { APP_ROOT } from '../paths';
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

import { describe, expect, it } from 'vitest';
import { readKemFile, type KemFile } from '.';
import { kemErrorOf } from './test-support/kem-error-of';
import {
  encryptContent,
  envelopeXml,
  kemFile,
  manyMeters,
  meterListXml,
  zipArchive,
  type KemForm,
} from './test-support/kem-writer';

// KEM files built here as the format says, read back: both root forms, zipped or not, the password
// rules, and per-meter problems that never cost the other meters.

const PASSWORD = 'Kunde-4711';
const OMNIPOWER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697', model: 'OmniPower' };
const MC21 = {
  id: '67203915',
  key: 'c3a9 1f0e 7b24 d856 3e1f 9a0c 2b7d 4e61',
  model: 'MC21',
  consumption: 'ColdWater',
  vendor: 'KAM',
};

const errorOf = kemErrorOf;
const codeOf = (run: () => unknown): string => kemErrorOf(run).code;

describe.each<KemForm>(['MetersInOrder', 'Devices'])('a %s KEM file', (form) => {
  const read = (bytes: Buffer, password = PASSWORD): KemFile => readKemFile(bytes, password);

  it('gives every meter with its id, model, type, driver and key', () => {
    const file = read(kemFile(form, [OMNIPOWER, MC21], PASSWORD));
    expect(file).toMatchObject({ entryName: null, encrypted: true, form });
    expect(file.meters).toMatchObject([
      {
        index: 1,
        id: '32666857',
        model: 'OmniPower',
        consumption: 'Electricity',
        meterNumber: 'C-32666857',
        manufacturerKey: 'kam',
        driver: { name: 'omnipower' },
        problems: [],
      },
      { index: 2, id: '67203915', model: 'MC21', consumption: 'ColdWater', driver: { name: 'multical21' } },
    ]);
    expect(file.meters[0]!.key).toEqual(Buffer.from(OMNIPOWER.key, 'hex'));
    // Written with spaces and in lower case; the shared key rule normalises it.
    expect(file.meters[1]!.key!.toString('hex').toUpperCase()).toBe('C3A91F0E7B24D8563E1F9A0C2B7D4E61');
  });

  it('reads the file from a zip archive, stored or deflated', () => {
    const kem = kemFile(form, [OMNIPOWER], PASSWORD);
    for (const method of ['stored', 'deflated'] as const) {
      const zip = zipArchive([
        { name: 'readme.txt', data: Buffer.from('Keys for order 4711'), method },
        { name: 'export/Order 4711.KEM2', data: kem, method },
      ]);
      const file = read(zip);
      expect(file.entryName).toBe('export/Order 4711.KEM2');
      expect(file.meters.map((m) => m.id)).toEqual(['32666857']);
    }
  });

  it('says "wrong password" in words for a wrong password, and for a password that is the right one cut short', () => {
    const kem = kemFile(form, [OMNIPOWER], PASSWORD);
    for (const wrong of ['kunde-4711', 'Kunde-471', 'x']) {
      const error = errorOf(() => read(kem, wrong));
      expect(error.code).toBe('WRONG_PASSWORD');
      expect(error.message).toMatch(/^Wrong password/);
      expect(error.message).not.toContain(wrong);
    }
  });

  it('reads a 500-meter file', () => {
    const meters = manyMeters(500);
    const started = performance.now();
    const file = read(kemFile(form, meters, PASSWORD));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(file.meters).toHaveLength(500);
    expect(file.meters.every((m) => m.problems.length === 0)).toBe(true);
    expect(file.meters[499]!.id).toBe(meters[499]!.id);
    expect(file.meters[499]!.key!.toString('hex').toUpperCase()).toBe(meters[499]!.key);
  });
});

describe('the password', () => {
  const kem = kemFile('MetersInOrder', [OMNIPOWER], '0123456789abcdef');

  it('may be exactly 16 bytes, and non-ASCII (its UTF-8 bytes are the key)', () => {
    expect(readKemFile(kem, '0123456789abcdef').meters).toHaveLength(1);
    const nordic = kemFile('MetersInOrder', [OMNIPOWER], 'Ærø-Kunde');
    expect(readKemFile(nordic, 'Ærø-Kunde').meters).toHaveLength(1);
    expect(codeOf(() => readKemFile(nordic, 'Aero-Kunde'))).toBe('WRONG_PASSWORD');
  });

  it('longer than 16 bytes or empty is refused in words, never repeated', () => {
    const long = errorOf(() => readKemFile(kem, '0123456789abcdefX'));
    expect(long.code).toBe('PASSWORD');
    expect(long.message).toMatch(/17 bytes long; a KEM password is at most 16 bytes/);
    expect(long.message).not.toContain('0123456789');
    // 9 characters, but 18 bytes in UTF-8.
    expect(errorOf(() => readKemFile(kem, 'æææææææææ')).message).toMatch(/18 bytes long/);
    expect(errorOf(() => readKemFile(kem, '')).message).toBe(
      'This KEM file is encrypted: enter its password.',
    );
  });
});

describe('padding and unencrypted files', () => {
  it('strips zero padding as well as PKCS#7', () => {
    const kem = kemFile('Devices', [OMNIPOWER], PASSWORD, { padding: 'zeros' });
    expect(readKemFile(kem, PASSWORD).meters).toHaveLength(1);
  });

  it('accepts a meter list that was never encrypted, says so, and needs no password', () => {
    const plain = Buffer.from(meterListXml('MetersInOrder', [OMNIPOWER]));
    const file = readKemFile(plain, '');
    expect(file).toMatchObject({ encrypted: false, form: 'MetersInOrder' });
    expect(file.meters[0]!.key).toEqual(Buffer.from(OMNIPOWER.key, 'hex'));
  });
});

describe('a damaged file is told apart from a wrong password', () => {
  const kem = kemFile('MetersInOrder', manyMeters(4), PASSWORD);
  const cipherValue = (text: string) => /<CipherValue>([\s\S]*)<\/CipherValue>/.exec(text)![1]!;

  it('a byte changed in the middle of the ciphertext: the password is right, the file is damaged', () => {
    const ciphertext = Buffer.from(cipherValue(kem.toString()).replace(/\s/g, ''), 'base64');
    ciphertext[200] = ciphertext[200]! ^ 0x55;
    const damaged = Buffer.from(envelopeXml(ciphertext.toString('base64')));
    const error = errorOf(() => readKemFile(damaged, PASSWORD));
    expect(error.code).toBe('DAMAGED');
    expect(error.message).toMatch(/^The password is right, but The file is damaged: .* at byte \d+/);
    // The same file with a wrong password is still a wrong password.
    expect(codeOf(() => readKemFile(damaged, 'nope'))).toBe('WRONG_PASSWORD');
  });

  it('ciphertext cut short (not whole AES blocks) or not base64 is damage, whatever the password', () => {
    const text = kem.toString();
    const value = cipherValue(text);
    const cut = Buffer.from(text.replace(value, value.replace(/\s/g, '').slice(0, 100)));
    expect(errorOf(() => readKemFile(cut, PASSWORD)).message).toMatch(
      /not a whole number of 16-byte AES blocks/,
    );
    const notBase64 = Buffer.from(text.replace(value, `${value.slice(0, 10)}!${value.slice(11)}`));
    const error = errorOf(() => readKemFile(notBase64, 'anything'));
    expect(error).toMatchObject({ code: 'DAMAGED' });
    expect(error.message).toMatch(/is not base64; character 11 is not a base64 character/);
  });

  it('a file cut short inside the envelope is an XML error at the byte where it ends', () => {
    const cut = kem.subarray(0, 300);
    const error = errorOf(() => readKemFile(cut, PASSWORD));
    expect(error.code).toBe('XML');
    expect(error.message).toMatch(
      /the document ends inside <CipherValue> \(opened at byte \d+\): it is truncated at byte 300/,
    );
  });

  it('another cipher, or content that decrypts to another list, is unsupported, in words', () => {
    const aes256 = kemFile('MetersInOrder', [OMNIPOWER], PASSWORD, {
      algorithm: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    });
    expect(errorOf(() => readKemFile(aes256, PASSWORD)).message).toMatch(
      /encrypted with .*aes256-cbc; KEM files this app reads use AES-128-CBC/,
    );
    const other = encryptContent(
      Buffer.from('<?xml version="1.0"?><Customers><Customer/></Customers>'),
      PASSWORD,
    );
    const error = errorOf(() => readKemFile(Buffer.from(envelopeXml(other.toString('base64'))), PASSWORD));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/holds a <Customers> list, not the meter lists this app knows/);
  });
});

describe('problems of single meters', () => {
  const meters = [
    OMNIPOWER,
    { id: '3266685', key: OMNIPOWER.key }, // 7 digits
    { id: '11112222', key: '9A25139E3244CC2E391A8EF6B915B6' }, // 30 hex digits
    { id: '11113333', key: '9A25139E3244CC2E391A8EF6B915B69G' }, // a G
    { id: '11114444', key: '' },
    MC21,
  ];

  it('are reported by meter, and the good meters are kept', () => {
    const file = readKemFile(kemFile('MetersInOrder', meters, PASSWORD), PASSWORD);
    expect(file.meters.map((m) => [m.id, m.problems.length])).toEqual([
      ['32666857', 0],
      ['3266685', 1],
      ['11112222', 1],
      ['11113333', 1],
      ['11114444', 1],
      ['67203915', 0],
    ]);
    const problems = file.meters.flatMap((m) => m.problems);
    expect(problems[0]).toMatch(/The id \(SerialNo\) of meter 2 is 8 digits/);
    expect(problems[1]).toMatch(
      /The key \(DEK\) of meter 11112222 is 32 hex digits \(16 bytes\); this one has 30/,
    );
    expect(problems[2]).toMatch(/"G" is not a hex digit/);
    expect(problems[3]).toMatch(/The key \(DEK\) of meter 11114444 is empty/);
  });

  it('never carry the key, in the problem or when the meter is turned into JSON or text', () => {
    const file = readKemFile(kemFile('Devices', meters, PASSWORD), PASSWORD);
    const shown = JSON.stringify(file) + String(file.meters.map((m) => JSON.stringify(m)));
    for (const m of meters)
      if (m.key.length >= 12) expect(shown.toUpperCase()).not.toContain(m.key.slice(0, 12).toUpperCase());
    expect(Object.keys(file.meters[0]!)).not.toContain('key');
  });

  it('a meter listed twice: once with one key, refused with two', () => {
    const file = readKemFile(
      kemFile('MetersInOrder', [OMNIPOWER, MC21, OMNIPOWER, { ...MC21, key: OMNIPOWER.key }], PASSWORD),
      PASSWORD,
    );
    expect(file.meters.map((m) => m.problems)).toEqual([
      [],
      [expect.stringMatching(/listed twice with different keys \(meters 2 and 4\); neither is imported/)],
      [expect.stringMatching(/listed again \(as meters 1 and 3\); it is imported once/)],
      [expect.stringMatching(/listed twice with different keys/)],
    ]);
  });

  it('a meter without an id or a key entry at all says which field is missing', () => {
    const xml =
      '<MetersInOrder><Meter><MeterName>MC21</MeterName><DEK>00112233445566778899AABBCCDDEEFF</DEK></Meter>' +
      '<Meter><SerialNo>12345678</SerialNo></Meter></MetersInOrder>';
    const file = readKemFile(Buffer.from(xml), '');
    expect(file.meters.map((m) => m.problems)).toEqual([
      ['Meter 1 has no SerialNo (its wM-Bus id).'],
      ['The entry of meter 12345678 has no DEK (its AES key).'],
    ]);
  });
});

describe('drivers and manufacturers', () => {
  const read = (fixture: { model: string; vendor: string }) =>
    readKemFile(kemFile('MetersInOrder', [{ ...OMNIPOWER, ...fixture }], PASSWORD), PASSWORD).meters[0]!;

  it('finds our driver by model name for Kamstrup meters, and none for models we do not read', () => {
    expect(read({ model: 'OmniPower', vendor: 'KAM' }).driver?.name).toBe('omnipower');
    expect(read({ model: 'MC21', vendor: 'Kamstrup A/S' }).driver?.name).toBe('multical21');
    expect(read({ model: 'KWM2210', vendor: 'KAW' })).toMatchObject({
      manufacturerKey: 'kaw',
      driver: { name: 'multical21' },
    });
    expect(read({ model: 'MC403', vendor: 'KAM' }).driver).toBeNull();
    expect(read({ model: 'OmniPower', vendor: 'ABB' })).toMatchObject({
      manufacturerKey: 'abb',
      driver: null,
    });
  });

  it('reads the manufacturer as letters or as the wM-Bus number', () => {
    expect(read({ model: 'OmniPower', vendor: '11309' }).manufacturerKey).toBe('kam');
    expect(read({ model: 'OmniPower', vendor: '' }).manufacturerKey).toBe('kam');
  });
});

import { describe, expect, it } from 'vitest';
import type { NotKemError } from '.';
import { readKemFile } from '.';
import { kemErrorOf } from './test-support/kem-error-of';
import { kemFile, meterListXml, zipArchive } from './test-support/kem-writer';

// A file that is not a KEM file says what it looks like, and never quotes what it holds.

const PASSWORD = 'secret';

const refusal = (bytes: Buffer) => kemErrorOf(() => readKemFile(bytes, PASSWORD));

const text = (s: string) => Buffer.from(s, 'utf8');

describe('what a file that is not a KEM file looks like', () => {
  it.each<[string, Buffer, RegExp]>([
    ['an empty file', Buffer.alloc(0), /looks like an empty file\.$/],
    ['blank space', text(' \r\n\t'), /looks like an empty file \(only blank space\)/],
    [
      'an HTML page',
      text('<!DOCTYPE html>\n<html><head><title>Log in</title></head><body></body></html>'),
      /looks like an HTML page/,
    ],
    [
      'XHTML',
      text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'),
      /looks like an HTML page/,
    ],
    ['JSON', text('{"meters":[{"id":"32666857"}]}'), /looks like JSON text/],
    ['broken JSON', text('[{"id": 1,]'), /text that starts like JSON but is not valid JSON/],
    [
      'plain XML of another kind',
      text('<?xml version="1.0"?><Invoice><Total>12</Total></Invoice>'),
      /an XML document whose root element is <Invoice>\. A KEM file holds <EncryptedData>/,
    ],
    [
      'a PDF',
      Buffer.concat([text('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3])]),
      /looks like a PDF document/,
    ],
    [
      'binary data',
      Buffer.from([0x00, 0x9f, 0x13, 0x37, 0xff, 0x00, 0x42, 0x10]),
      /binary data \(8 bytes\) of a kind this app does not know/,
    ],
    [
      'plain text',
      text('32666857;9A25139E3244CC2E391A8EF6B915B697\n11112222;00112233445566778899AABBCCDDEEFF\n'),
      /plain text \(2 lines\), not XML/,
    ],
    [
      'an Office document',
      zipArchive([
        { name: '[Content_Types].xml', data: text('<Types/>') },
        { name: 'xl/workbook.xml', data: text('<workbook/>') },
      ]),
      /an Office document \(Word, Excel or PowerPoint\)/,
    ],
    [
      'a zip without a KEM file',
      zipArchive([
        { name: 'keys.pdf', data: text('%PDF-1.4') },
        { name: 'notes/', data: Buffer.alloc(0) },
      ]),
      /looks like a zip archive holding 1 file \("keys\.pdf"\)\. It holds no \.kem or \.kem2 file\./,
    ],
    ['an empty zip', zipArchive([]), /a zip archive that is empty/],
  ])('%s', (_what, bytes, expected) => {
    const error = refusal(bytes);
    expect(error.code).toBe('NOT_KEM');
    expect(error.message).toMatch(/^This is not a KEM file: it looks like /);
    expect((error as NotKemError).looksLike).not.toBe('');
    expect(error.message).toMatch(expected);
    // What a wrong file holds is never quoted: it may be a key list.
    expect(error.message).not.toMatch(/9A25139E|32666857/);
  });

  it('names the file inside the zip archive when that one is not a KEM file', () => {
    const zip = zipArchive([{ name: 'order.kem', data: text('<html><body>Not found</body></html>') }]);
    expect(refusal(zip).message).toBe(
      'This is not a KEM file: "order.kem" in the zip archive looks like an HTML page (perhaps a web page saved instead of the file it offered).',
    );
  });

  it('an unencrypted meter list is accepted, not refused (see readKemFile)', () => {
    expect(
      readKemFile(text(meterListXml('Devices', [{ id: '32666857', key: '00'.repeat(16) }])), '').encrypted,
    ).toBe(false);
  });

  it('XML that is broken says where, by byte offset', () => {
    const error = refusal(text('<?xml version="1.0"?>\n<EncryptedData><CipherData></EncryptedData>'));
    expect(error.code).toBe('XML');
    expect(error.message).toBe(
      'The file is not well-formed XML: the closing tag </EncryptedData> does not match <CipherData> opened at byte 37 at byte 49.',
    );
  });
});

describe('zip archives that cannot give their KEM file', () => {
  const kem = kemFile(
    'MetersInOrder',
    [{ id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' }],
    PASSWORD,
  );

  it('an encrypted entry asks for the zip to be unpacked with its own password', () => {
    const error = refusal(zipArchive([{ name: 'order.kem', data: kem, encrypted: true }]));
    expect(error.code).toBe('ZIP');
    expect(error.message).toMatch(/"order\.kem" in the zip archive is encrypted with a zip password/);
  });

  it('a truncated archive is said to be truncated, wherever it was cut', () => {
    const zip = zipArchive([{ name: 'order.kem', data: kem, method: 'deflated' }]);
    for (const length of [4, 30, Math.floor(zip.length / 2), zip.length - 23, zip.length - 1]) {
      const error = refusal(zip.subarray(0, length));
      expect(error.code).toBe('ZIP');
      expect(error.message).toMatch(/truncated/);
    }
  });

  it('an entry whose data was changed fails its CRC-32', () => {
    const zip = zipArchive([{ name: 'order.kem', data: kem }]);
    const at = zip.indexOf('CipherValue') + 20;
    zip[at] = zip[at]! ^ 1;
    expect(refusal(zip).message).toMatch(
      /"order\.kem" in the zip archive is damaged: its content does not match its checksum/,
    );
  });

  it('two KEM files in one archive: import them one at a time', () => {
    const zip = zipArchive([
      { name: 'a.kem', data: kem },
      { name: 'b.kem2', data: kem, method: 'deflated' },
    ]);
    expect(refusal(zip).message).toMatch(
      /holds 2 KEM files \("a\.kem", "b\.kem2"\); unzip it and import them one at a time/,
    );
  });

  it('a zip comment does not hide the end record', () => {
    const zip = zipArchive([{ name: 'order.kem', data: kem, method: 'deflated' }], 'exported by KEM tool');
    expect(readKemFile(zip, PASSWORD).meters).toHaveLength(1);
  });
});

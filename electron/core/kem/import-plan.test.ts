import { describe, expect, it } from 'vitest';
import { decideImport, monitoredAs, readKemFile } from '.';
import { kemFile } from './test-support/kem-writer';

const KEY_A = '9A25139E3244CC2E391A8EF6B915B697';
const KEY_B = '00112233445566778899AABBCCDDEEFF';
const file = readKemFile(
  kemFile(
    'MetersInOrder',
    [
      { id: '11110001', key: KEY_A }, // new
      { id: '11110002', key: KEY_A }, // monitored with this key
      { id: '11110003', key: KEY_A }, // monitored with another key
      { id: '1111000', key: KEY_A }, // a bad id
    ],
    'pw',
  ),
  'pw',
);
const monitored = new Map([
  ['11110002', Buffer.from(KEY_A, 'hex')],
  ['11110003', Buffer.from(KEY_B, 'hex')],
]);
const rules = (replace: string[]) => ({
  monitoredKey: (id: string) => monitored.get(id),
  replace: (id: string) => replace.includes(id),
  replaceHint: '--replace to replace it',
});

describe('deciding an import', () => {
  it('compares each meter with the monitored set by key, without showing either key', () => {
    expect(file.meters.map((m) => monitoredAs(m, (id) => monitored.get(id)))).toEqual([
      'no',
      'same-key',
      'other-key',
      'no',
    ]);
  });

  it('imports new meters, counts the same key as done, and replaces another key only when agreed', () => {
    const summary = (replace: string[]) =>
      decideImport(file.meters, rules(replace)).map(({ meter, imported, reason, write }) => ({
        id: meter.id,
        imported,
        reason,
        write,
      }));
    expect(summary([])).toEqual([
      { id: '11110001', imported: true, reason: null, write: true },
      { id: '11110002', imported: true, reason: 'already monitored with this key', write: false },
      {
        id: '11110003',
        imported: false,
        reason: 'known with another key; --replace to replace it',
        write: false,
      },
      { id: '1111000', imported: false, reason: expect.stringMatching(/is 8 digits/), write: false },
    ]);
    expect(summary(['11110003'])[2]).toEqual({
      id: '11110003',
      imported: true,
      reason: 'replaced the key it was monitored with',
      write: true,
    });
  });
});

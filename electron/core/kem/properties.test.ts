import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KemError, readKemFile } from '.';
import { kemFile, meterListXml, zipArchive } from './test-support/kem-writer';

// Random and mutated bytes give a KemError with a code and words, or meters; never another
// exception, never a hang. Mutations of real files hit every layer: zip, envelope, base64,
// ciphertext and (for the plain list) the XML reader itself.

const PASSWORD = 'Kunde-4711';
const METERS = [
  { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' },
  { id: '67203915', key: 'C3A91F0E7B24D8563E1F9A0C2B7D4E61', model: 'MC21' },
];
const SAMPLES = [
  kemFile('MetersInOrder', METERS, PASSWORD),
  kemFile('Devices', METERS, PASSWORD, { padding: 'zeros' }),
  Buffer.from(meterListXml('MetersInOrder', METERS)),
  zipArchive([{ name: 'order.kem', data: kemFile('Devices', METERS, PASSWORD), method: 'deflated' }]),
  zipArchive([{ name: 'order.kem2', data: kemFile('MetersInOrder', METERS, PASSWORD) }]),
];

/** Reads, and fails the property on anything but meters or a KemError in words. */
function readsOrRefusesInWords(bytes: Buffer, password = PASSWORD): void {
  try {
    const file = readKemFile(bytes, password);
    for (const meter of file.meters) expect(meter.problems.every((p) => p.length > 0)).toBe(true);
  } catch (error) {
    if (!(error instanceof KemError)) throw error;
    expect(error.message.length).toBeGreaterThan(20);
  }
}

const mutation = fc.record({
  sample: fc.nat(SAMPLES.length - 1),
  edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
  cut: fc.option(fc.nat()),
});

describe('KEM reader properties', () => {
  it('random bytes only ever give a KemError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => readsOrRefusesInWords(Buffer.from(bytes))),
      {
        numRuns: 500,
      },
    );
  });

  it('random text starting like XML only ever gives a KemError', () => {
    const xmlish = fc.array(
      fc.constantFrom(
        '<',
        '>',
        '/',
        'a',
        'b:',
        '="x"',
        '&amp;',
        '&#',
        ';',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        ' ',
        '?',
      ),
      {
        maxLength: 80,
      },
    );
    fc.assert(
      fc.property(xmlish, (parts) => readsOrRefusesInWords(Buffer.from(`<${parts.join('')}`))),
      { numRuns: 1000 },
    );
  });

  it('mutated and truncated KEM files only ever give meters or a KemError', () => {
    fc.assert(
      fc.property(mutation, ({ sample, edits, cut }) => {
        const bytes = Buffer.from(SAMPLES[sample]!);
        for (const { at, byte } of edits) bytes[at % bytes.length] = byte;
        readsOrRefusesInWords(cut === null ? bytes : bytes.subarray(0, cut % bytes.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('any wrong password gives WRONG_PASSWORD or PASSWORD, never meters', () => {
    const kem = SAMPLES[0]!;
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (password) => {
        fc.pre(password !== PASSWORD);
        let code = 'read';
        try {
          readKemFile(kem, password);
        } catch (error) {
          code = (error as KemError).code;
        }
        expect(['WRONG_PASSWORD', 'PASSWORD']).toContain(code);
      }),
      { numRuns: 300 },
    );
  });
});

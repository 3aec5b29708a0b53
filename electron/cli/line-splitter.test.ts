import readline from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBatches, LineSplitter } from './line-splitter';

/** What `cli decode` read before: readline with an unlimited CR LF delay. */
async function readlineLines(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  const input = Readable.from(chunks);
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}

function splitterLines(chunks: Buffer[]): string[] {
  const splitter = new LineSplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

/** Bytes cut at arbitrary points: inside CR LF, inside a UTF-8 character, anywhere. */
function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return chunks;
}

describe('LineSplitter', () => {
  it('splits any bytes, cut into chunks anywhere, into the lines readline gives', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', '0', ' ', '\n', '\r', '\r\n', 'é', '😀', '\t') });
    const bytes = fc.oneof(
      text.map((t) => Buffer.from(t)),
      // Invalid and truncated UTF-8 too, at the end or in the middle.
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 8 }), async (input, cuts) => {
        const chunks = cut(input, cuts);
        expect(splitterLines(chunks)).toEqual(await readlineLines(chunks));
      }),
    );
  });

  it('counts CR LF, LF and a lone CR as one line end each, and keeps a last line without one', () => {
    expect(splitterLines([Buffer.from('a\r\nb\nc\rd\r'), Buffer.from('\ne\n\nf')])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      '',
      'f',
    ]);
  });

  it('hands the lines of a stream over a chunk at a time', async () => {
    const batches: string[][] = [];
    for await (const batch of lineBatches(Readable.from([Buffer.from('1\n2\n3'), Buffer.from('4\n5\n')])))
      batches.push(batch);
    expect(batches).toEqual([
      ['1', '2'],
      ['34', '5'],
    ]);
  });
});

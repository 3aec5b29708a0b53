import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io';
import { DecodeOutput } from './decode-output';
import type { DecodeResult } from './decode-result';

/** A failed line's result: the output's shape does not matter here, only its bytes. */
const result = (line: number): DecodeResult => ({
  line,
  ok: false,
  error: { code: 'PARSE', message: `line ${line} is not hex` },
  meter: null,
});

describe('DecodeOutput', () => {
  it('hands stdout whole lines in order, its buffer reused only once stdout has taken them', async () => {
    const taken: string[] = [];
    let pending = 0;
    const io: CliIo = {
      out: () => undefined,
      text: () => undefined,
      err: () => undefined,
      // A slow stdout: takes the chunk a while after the call, as a full pipe does.
      raw: async (chunk) => {
        const atCall = Buffer.from(chunk).toString('utf8');
        pending++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(Buffer.from(chunk).toString('utf8')).toBe(atCall);
        taken.push(atCall);
        pending--;
      },
    };
    const output = new DecodeOutput(io, 1024);
    const expected: string[] = [];
    let flushes = 0;
    for (let line = 1; line <= 200; line++) {
      output.add(result(line));
      expected.push(`${JSON.stringify(result(line))}\n`);
      if (output.full) {
        await output.flush();
        flushes++;
        expect(pending).toBe(0);
      }
    }
    await output.flush();
    expect(taken.join('')).toBe(expected.join(''));
    expect(flushes).toBeGreaterThan(5);
    expect(taken.every((chunk) => chunk.length < 2048)).toBe(true);
  });
});

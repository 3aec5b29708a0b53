// `cli decode` streams stdin through the shipped CLI: every line decoded, in order, and the JSON
// written in large chunks, never a write per line. (Flat memory over a million lines is checked in
// the interop suite: decode-stream.interop.ts.) No timing.
import { describe, expect, it } from 'vitest';
import { decodeStream } from './decode-stream-test-support';

describe('cli decode of a long stream on stdin', () => {
  it(
    'decodes every line in order and writes its output in chunks of tens of KiB',
    { timeout: 120_000 },
    async () => {
      const run = await decodeStream(30_000);
      expect(run).toMatchObject({ lines: 30_000, okInOrder: 30_000 });
      expect(run.bytes).toBeGreaterThan(25 * 1024 * 1024);
      // About 64 KiB a write: a write per line would be 30 000 of them.
      expect(run.writes).toBeLessThan(run.bytes / (32 * 1024));
    },
  );
});

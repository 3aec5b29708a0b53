// In the interop suite (a million telegrams through the shipped CLI, about 20 s): `cli decode` of a
// long capture on stdin keeps its peak memory flat. Measured for 100 000 and 1 000 000 lines; holding
// the input (95 MB here) or the output (950 MB) would show. No timing.
import { describe, expect, it } from 'vitest';
import { decodeStream } from './decode-stream-test-support';

const MiB = 1024 * 1024;

describe('cli decode of a million telegrams on stdin', () => {
  it(
    'decodes every line in order with the same peak memory as for a tenth of them',
    { timeout: 600_000 },
    async () => {
      const small = await decodeStream(100_000);
      const large = await decodeStream(1_000_000);
      expect(small).toMatchObject({ lines: 100_000, okInOrder: 100_000 });
      expect(large).toMatchObject({ lines: 1_000_000, okInOrder: 1_000_000 });
      console.info(
        `decode peak RSS: ${(small.peakRss / MiB).toFixed(1)} MiB for 100 000 lines, ` +
          `${(large.peakRss / MiB).toFixed(1)} MiB for 1 000 000 (${(large.bytes / MiB).toFixed(0)} MiB of JSON)`,
      );
      // V8 sizes its heap up over a long run (by 25–50 MiB here, varying run to run); holding the
      // input would add over 100 MiB, the output almost 1 GiB.
      expect(large.peakRss - small.peakRss).toBeLessThan(64 * MiB);
      expect(large.peakRss).toBeLessThan(150 * MiB);
    },
  );
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHciFrame } from '../stick';
import { encodeOmniPowerTelegram } from '../wmbus';
import { indicationMessage, slip } from './iu891a-test-support';
import { splitTelegramInput } from './telegram-input';

const frame = encodeOmniPowerTelegram({
  id: '87654321',
  key: Buffer.alloc(16, 1),
  accessNumber: 1,
  kind: 'compact',
  values: { aPlusWh10: 1, aMinusWh10: 0, pPlusW: 2, pMinusW: 0 },
});
const hci = encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 90 });

describe('splitTelegramInput', () => {
  it('never throws on arbitrary bytes and always says something', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const items = splitTelegramInput(Buffer.from(bytes));
        expect(items.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every stick frame behind noise (without 0xA5) and between frames', () => {
    const noise = fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b.filter((x) => x !== 0xa5)));
    fc.assert(
      fc.property(fc.array(noise, { minLength: 1, maxLength: 4 }), (gaps) => {
        const input = Buffer.concat(gaps.flatMap((gap) => [gap, hci]));
        const frames = splitTelegramInput(input).filter((i) => i.kind === 'frame');
        expect(frames).toHaveLength(gaps.length);
        for (const f of frames) expect(f.kind === 'frame' && f.frame.equals(frame) && f.rssi).toBe(90);
      }),
    );
  });

  it('finds iM871A frames behind a noise byte that looks like a SLIP END (C0)', () => {
    // Found by the property above (seed 579982033): the C0 made the line an iU891A's, and both frames were lost.
    const frames = splitTelegramInput(Buffer.concat([Buffer.of(0xc0), hci, hci])).filter(
      (i) => i.kind === 'frame',
    );
    expect(frames.map((f) => f.kind === 'frame' && f.framing)).toEqual(['hci', 'hci']);
  });

  it('finds iU891A frames behind a noise byte that looks like an HCI start (A5)', () => {
    const indication = slip(indicationMessage(frame, 7, -70));
    const frames = splitTelegramInput(Buffer.concat([Buffer.of(0xa5), indication, indication])).filter(
      (i) => i.kind === 'frame',
    );
    expect(frames.map((f) => f.kind === 'frame' && [f.framing, f.rssiDbm])).toEqual([
      ['iu891a', -70],
      ['iu891a', -70],
    ]);
  });

  it('reports a truncated stick frame with its offset', () => {
    const items = splitTelegramInput(Buffer.concat([hci, hci.subarray(0, 10)]));
    expect(items.map((i) => i.kind)).toEqual(['frame', 'problem']);
    expect(items[1]).toMatchObject({ code: 'PARSE', offset: hci.length });
  });

  it('says when a stick frame is not a received telegram', () => {
    const ping = encodeHciFrame({ endpoint: 1, messageId: 2 });
    expect(splitTelegramInput(ping)[0]).toMatchObject({
      kind: 'problem',
      code: 'PARSE',
      message: /not a received telegram/,
    });
  });
});

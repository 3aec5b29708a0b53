import { describe, expect, it } from 'vitest';
import { hex } from './fixtures/hand-built';
import { SlipDecoder, slipEncode, SLIP_MAX_FRAME, type SlipEvent } from './slip';

const frames = (events: SlipEvent[]) =>
  events.flatMap((e) => (e.kind === 'frame' ? [e.frame.bytes.toString('hex')] : []));
const errors = (events: SlipEvent[]) =>
  events.flatMap((e) => (e.kind === 'error' ? [[e.error.reason, e.error.offset]] : []));

describe('SLIP encoding', () => {
  it('sends a leading END, escapes C0 and DB, and ends with END', () => {
    expect(slipEncode(hex('01 c0 02 db 03')).toString('hex')).toBe('c001dbdc02dbdd03c0');
    expect(slipEncode(hex('dbdc')).toString('hex')).toBe('c0dbdddcc0');
  });
});

describe('SLIP decoding', () => {
  it('unescapes, skips repeated ENDs and counts wire offsets', () => {
    const decoder = new SlipDecoder();
    const events = decoder.push(hex('c0 c0 c0 01 db dc 02 db dd c0 c0 aa c0'));
    expect(frames(events)).toEqual(['01c002db', 'aa']);
    const first = events[0]!.kind === 'frame' ? events[0]!.frame : undefined;
    expect(first).toMatchObject({ offset: 3, wireLength: 6, escaped: [1, 3] });
  });

  it('keeps a frame split byte by byte, and an escape split across reads', () => {
    const decoder = new SlipDecoder();
    const wire = hex('c0 11 db dc 22 c0');
    const events = [...wire].flatMap((b) => decoder.push(Buffer.of(b)));
    expect(frames(events)).toEqual(['11c022']);
  });

  it('reports a bad escape at the ESC byte and still decodes the next frame', () => {
    const decoder = new SlipDecoder();
    const events = decoder.push(hex('c0 01 db 07 02 c0 c0 03 04 c0'));
    expect(errors(events)).toEqual([['bad-escape', 2]]);
    expect(frames(events)).toEqual(['0304']);
    expect(events[0]!.kind === 'error' && events[0]!.error.message).toMatch(
      /ESC followed by 0x07, expected DC or DD/,
    );
  });

  it('reports ESC directly before END as a bad escape', () => {
    const events = new SlipDecoder().push(hex('c0 01 db c0 05 c0'));
    expect(errors(events)).toEqual([['bad-escape', 2]]);
    expect(frames(events)).toEqual(['05']);
  });

  it('stops buffering a stream without ENDs, and recovers at the next END', () => {
    const decoder = new SlipDecoder();
    const noise = Buffer.alloc(SLIP_MAX_FRAME + 50, 0x55);
    expect(decoder.push(noise)).toEqual([]);
    const events = decoder.push(hex('c0 12 34 c0'));
    expect(errors(events)).toEqual([['oversize', SLIP_MAX_FRAME]]);
    expect(frames(events)).toEqual(['1234']);
  });

  it('after reset, forgets the unfinished frame but keeps counting offsets', () => {
    const decoder = new SlipDecoder();
    decoder.push(hex('c0 01 02'));
    decoder.reset();
    const events = decoder.push(hex('c0 09 c0'));
    expect(frames(events)).toEqual(['09']);
    expect(events[0]!.kind === 'frame' && events[0]!.frame.offset).toBe(4);
  });
});

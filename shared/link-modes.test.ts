import { describe, expect, it } from 'vitest';
import { LinkModeSchema } from './gateway';
import {
  DEFAULT_LINK_MODE,
  isLinkMode,
  LINK_MODE_NAMES,
  LINK_MODES,
  linkModeByIm871aCode,
  linkModeRow,
  parseLinkMode,
} from './link-modes';

describe('the link-mode table', () => {
  it('has one row per name and per iM871A code', () => {
    expect(new Set(LINK_MODES.map((m) => m.name)).size).toBe(LINK_MODES.length);
    expect(new Set(LINK_MODES.map((m) => m.im871aCode)).size).toBe(LINK_MODES.length);
    expect(LINK_MODE_NAMES).toEqual(LINK_MODES.map((m) => m.name));
    expect(LINK_MODE_NAMES).toContain(DEFAULT_LINK_MODE);
  });

  it('is what the IPC schema accepts, nothing more', () => {
    expect(LinkModeSchema.options).toEqual([...LINK_MODE_NAMES]);
    for (const name of LINK_MODE_NAMES) expect(LinkModeSchema.parse(name)).toBe(name);
    expect(LinkModeSchema.safeParse('C1A').success).toBe(false);
    expect(LinkModeSchema.safeParse('x1').success).toBe(false);
  });

  it('reads a mode as typed on the command line', () => {
    expect(parseLinkMode(' C1A ')).toBe('c1a');
    expect(parseLinkMode('t1')).toBe('t1');
    expect(parseLinkMode('c3')).toBeNull();
    expect(isLinkMode('C1A')).toBe(false);
  });

  it('maps names and iM871A codes both ways', () => {
    expect(linkModeRow('c1a')).toMatchObject({ im871aCode: 0x06, label: 'C1 format A' });
    expect(linkModeByIm871aCode(0x0a)).toMatchObject({ name: 'c1t1', im871aMinFirmware: 0x14 });
    expect(linkModeByIm871aCode(0x0b)).toBeUndefined();
    expect(() => linkModeRow('x1' as never)).toThrow(RangeError);
  });
});

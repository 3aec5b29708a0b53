import { describe, expect, it } from 'vitest';
import { visibleRows } from './virtual-window';

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(visibleRows(0, 300, 30, 500, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(600, 300, 30, 500, 5)).toEqual({ start: 15, end: 36 });
  });

  it('stays inside the list at its end and when it is short or empty', () => {
    expect(visibleRows(14_700, 300, 30, 500, 5)).toEqual({ start: 485, end: 500 });
    expect(visibleRows(0, 300, 30, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(0, 300, 30, 0)).toEqual({ start: 0, end: 0 });
  });

  it('never renders more than a screenful however long the list', () => {
    const { start, end } = visibleRows(3_000_000, 330, 30, 1_000_000);
    expect(end - start).toBeLessThan(30);
  });
});

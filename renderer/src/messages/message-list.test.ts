import { describe, expect, it } from 'vitest';
import type { IncomingMessage, PayloadPreview } from '../../../shared/mqtt/types';
import { prettyJson } from './json-check';
import {
  addMessages,
  emptyList,
  filterMessages,
  formatSize,
  fromIncoming,
  indexOfSeq,
  payloadSnippet,
  payloadView,
} from './message-list';

const preview = (over: Partial<PayloadPreview> = {}): PayloadPreview => ({
  format: 'json',
  size: 11,
  text: '{"hello":1}',
  hex: null,
  truncated: false,
  shownBytes: 11,
  ...over,
});
const incoming = (topic: string, text = '{"hello":1}'): IncomingMessage => ({
  topic,
  qos: 1,
  retain: false,
  dup: false,
  payload: preview({ text }),
  properties: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('message list', () => {
  it('keeps the newest first and counts what it dropped', () => {
    let state = addMessages(
      emptyList(),
      ['a', 'b', 'c'].map((t) => fromIncoming(incoming(t))),
      2,
    );
    expect(state.items.map((m) => m.topic)).toEqual(['c', 'b']);
    expect(state.dropped).toBe(1);
    state = addMessages(state, [fromIncoming(incoming('d'))], 2);
    expect(state.items.map((m) => m.topic)).toEqual(['d', 'c']);
    expect(state.dropped).toBe(2);
    expect(new Set(state.items.map((m) => m.seq)).size).toBe(2);
  });

  it('filters by topic or payload text, and by kind', () => {
    const own = { ...fromIncoming(incoming('v2/1/kam-2/data')), kind: 'published' as const };
    const state = addMessages(emptyList(), [fromIncoming(incoming('test/a', '{"x":"Needle"}')), own]);
    expect(filterMessages(state.items, 'needle', 'all').map((m) => m.topic)).toEqual(['test/a']);
    expect(filterMessages(state.items, 'KAM', 'all').map((m) => m.topic)).toEqual(['v2/1/kam-2/data']);
    expect(filterMessages(state.items, '', 'received').map((m) => m.topic)).toEqual(['test/a']);
    expect(filterMessages(state.items, '  ', 'all')).toHaveLength(2);
  });
});

describe('payloadView', () => {
  it('pretty-prints JSON, shows text as is and hex for binary', () => {
    expect(payloadView(preview(), prettyJson).body).toBe('{\n  "hello": 1\n}');
    expect(payloadView(preview({ format: 'text', text: 'hi' }), prettyJson).body).toBe('hi');
    const binary = payloadView(preview({ format: 'binary', text: null, hex: '00 ff' }), prettyJson);
    expect(binary.body).toBe('00 ff');
    expect(payloadView(preview({ format: 'empty', text: '', size: 0 }), prettyJson).body).toBe(
      '(empty payload)',
    );
  });

  it('says when a payload is truncated', () => {
    const view = payloadView(preview({ truncated: true, size: 300000, shownBytes: 65536 }), prettyJson);
    expect(view.note).toMatch(/^Cut for display: showing 64 kB of 293 kB /);
    const big = payloadView(
      preview({ truncated: true, size: 5 * 1024 * 1024, shownBytes: 65536 }),
      prettyJson,
    );
    expect(big.note).toMatch(/showing 64 kB of 5\.0 MB/);
    expect(payloadView(preview(), prettyJson).note).toBeNull();
  });

  it('formats sizes', () => {
    expect(formatSize(11)).toBe('11 B');
    expect(formatSize(2048)).toBe('2.0 kB');
    expect(formatSize(300000)).toBe('293 kB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('message list: counts, lookup and one-line rows', () => {
  it('adds what was left out before adding to the dropped count, and keeps missed events apart', () => {
    let state = addMessages(emptyList(), [fromIncoming(incoming('a'))], 5, { dropped: 7, missed: 3 });
    expect(state).toMatchObject({ dropped: 7, missed: 3 });
    state = addMessages(state, [], 5, { missed: 2 });
    expect(state).toMatchObject({ dropped: 7, missed: 5 });
    expect(state.items.map((m) => m.topic)).toEqual(['a']);
  });

  it('finds a row by seq in a newest-first list', () => {
    const state = addMessages(
      emptyList(),
      ['a', 'b', 'c', 'd', 'e'].map((t) => fromIncoming(incoming(t))),
    );
    for (const [i, m] of state.items.entries()) expect(indexOfSeq(state.items, m.seq)).toBe(i);
    expect(indexOfSeq(state.items, 99)).toBe(-1);
    expect(indexOfSeq([], 1)).toBe(-1);
  });

  it('puts the start of a payload on one line', () => {
    expect(payloadSnippet(preview({ text: '{\n  "a": 1\n}' }))).toBe('{   "a": 1 }');
    expect(payloadSnippet(preview({ format: 'binary', text: null, hex: '0a 0b' }))).toBe('0a 0b');
    expect(payloadSnippet(preview({ format: 'empty', text: '' }))).toBe('(empty payload)');
    expect(payloadSnippet(null)).toBe('');
    expect(payloadSnippet(preview({ text: 'x'.repeat(5000) }))).toHaveLength(600);
  });
});

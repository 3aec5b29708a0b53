import { describe, expect, it } from 'vitest';
import { findKeyLines, lineFinder, nearestKeyPath } from './yaml-locations';

describe('findKeyLines', () => {
  it('maps block mapping keys to 1-based lines', () => {
    const source = ['# header', 'recalc:', '  ip: a.example', '', '  port: 8883', 'other:', '  ip: b'].join(
      '\n',
    );
    expect(Object.fromEntries(findKeyLines(source))).toEqual({
      recalc: 2,
      'recalc.ip': 3,
      'recalc.port': 5,
      other: 6,
      'other.ip': 7,
    });
  });

  it('maps flow mapping keys, nested and spread over lines', () => {
    const source = ['recalc: {ip: a, port: 1,', '  tls: {x: 1}}', '"quoted key": {"a b": 2}'].join('\n');
    expect(Object.fromEntries(findKeyLines(source))).toEqual({
      recalc: 1,
      'recalc.ip': 1,
      'recalc.port': 1,
      'recalc.tls': 2,
      'recalc.tls.x': 2,
      'quoted key': 3,
      'quoted key.a b': 3,
    });
  });

  it('numbers sequence items and skips values, empty values and complex keys', () => {
    const source = [
      'p:',
      '  alpn: [mqtt, h2]',
      '  list:',
      '    - name: x',
      '    - name: y',
      '  empty:',
      '  ? [a, b]',
      '  : {inner: 1}',
      '  after: 1',
    ].join('\n');
    expect(Object.fromEntries(findKeyLines(source))).toEqual({
      p: 1,
      'p.alpn': 2,
      'p.list': 3,
      'p.list.0.name': 4,
      'p.list.1.name': 5,
      'p.empty': 6,
      'p.after': 9,
    });
  });

  it('handles CRLF line endings', () => {
    expect(findKeyLines('a:\r\n  b: 1\r\n').get('a.b')).toBe(2);
  });

  it('returns an empty map for a source the parser rejects', () => {
    expect(findKeyLines('a: [1\n').size).toBe(0);
  });
});

describe('lineFinder', () => {
  it('finds the line of an offset', () => {
    const lineOf = lineFinder('ab\ncd\n\nef');
    expect([0, 2, 3, 5, 6, 7, 8].map(lineOf)).toEqual([1, 1, 2, 2, 3, 4, 4]);
  });
});

describe('nearestKeyPath', () => {
  it('follows indentation to the key nearest above a line', () => {
    const source = ['recalc:', '  ip: a', '  # comment', '  password: "open', 'other:', '  ip: b'].join('\n');
    expect(nearestKeyPath(source, 3)).toBe('recalc.ip');
    expect(nearestKeyPath(source, 4)).toBe('recalc.password');
    expect(nearestKeyPath(source, 5)).toBe('other');
    expect(nearestKeyPath('# only a comment', 1)).toBeNull();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, type ProfileEdit } from './apply-edit';
import { ProfileEditError } from './profile-edit-error';
import type { YamlValue } from './yaml-scalar';

const EXAMPLE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../settings/secrets.example.yaml'),
  'utf8',
);

/** A hand-written file with what people put in them: comments everywhere, anchors, odd quoting. */
const HAND_WRITTEN = [
  '# top comment: keep me',
  '%YAML 1.2',
  '---',
  'plain:   # trailing comment on a profile name',
  '  ip: 10.0.0.1   # the lab broker',
  "  username: 'it''s me' # single quotes with an escaped quote",
  '  password: "p\\"w\\t#not-a-comment" # double quotes with escapes',
  '  servername: host:with:colons # plain text with colons',
  '  alpn: [mqtt, "x-y"]',
  '',
  '  # a comment between settings',
  '  client_id: >-',
  '    folded text',
  '    on two lines',
  '  note: |', // an unknown key, kept as it is
  '    # not a comment, block text',
  '    second line',
  '  port: 1883',
  '',
  '# comment before the anchored profile',
  'base: &base',
  '  ip: base.example.com',
  '  password: &pw shared-secret',
  'merged:',
  '  <<: *base',
  '  port: 8883',
  'alias: *base',
  'uses-anchor:',
  '  ip: other.example.com',
  '  password: *pw',
  'flowy: {ip: flow.example.com, port: 1883}',
  '"quoted name":',
  '    ip: q.example.com      # four-space indentation',
  'last:',
  '  ip: last.example.com',
  '# final comment',
  '',
].join('\n');

function edit(source: string, e: ProfileEdit): string {
  return applyProfileEdit(source, e);
}

function update(
  name: string,
  set: Record<string, unknown>,
  remove: string[] = [],
  newName = name,
): ProfileEdit {
  return { kind: 'update', name, newName, set: set as Record<string, YamlValue>, remove };
}

/** The part of `before` that differs from `after` (between their common start and common end). */
function changedRegion(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end += 1;
  return before.slice(start, before.length - end);
}

function refusal(source: string, e: ProfileEdit): string {
  try {
    applyProfileEdit(source, e);
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileEditError);
    return (error as ProfileEditError).message;
  }
  throw new Error('expected a refusal');
}

describe('applyProfileEdit on the shipped example', () => {
  it('changes, adds and removes settings of one profile and leaves every other byte as it was', () => {
    const result = edit(EXAMPLE, update('recalc', { port: 8884, client_id: 'bench-laptop' }, ['password']));
    const loaded = load(result) as Record<string, Record<string, unknown>>;
    expect(loaded['recalc']).toEqual({
      ip: 'broker.example.com',
      port: 8884,
      username: 'gw-000000000',
      client_id: 'bench-laptop',
    });
    expect(loaded['recalc-extended']).toEqual((load(EXAMPLE) as Record<string, unknown>)['recalc-extended']);
    // The trailing comment on port stays; only the value and the removed line differ.
    expect(result).toContain('  port: 8884 # 8883 = MQTT over TLS');
    const start = EXAMPLE.indexOf('recalc:\n');
    const end = EXAMPLE.indexOf('\n# The same broker');
    expect(result.startsWith(EXAMPLE.slice(0, start))).toBe(true);
    expect(result.endsWith(EXAMPLE.slice(end))).toBe(true);
    expect(result.slice(start, result.length - (EXAMPLE.length - end))).toBe(
      [
        'recalc:',
        '  ip: broker.example.com # host name or address of the MQTT broker',
        '  port: 8884 # 8883 = MQTT over TLS (TLS is switched on automatically for this port)',
        '  username: gw-000000000',
        '  client_id: bench-laptop',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing for values that did not change, whatever their quoting', () => {
    const result = edit(
      EXAMPLE,
      update('recalc-extended', {
        password: 'change-me',
        gateway_id: '000000000',
        alpn: ['mqtt'],
        port: 8883,
      }),
    );
    expect(result).toBe(EXAMPLE);
  });

  it('adds a profile at the end and deletes one without touching the rest', () => {
    const created = edit(EXAMPLE, {
      kind: 'create',
      name: 'lab',
      set: { ip: '127.0.0.1', port: 8883, gateway_id: '706462169' },
    });
    expect(created.startsWith(EXAMPLE)).toBe(true);
    expect(created.slice(EXAMPLE.length)).toBe(
      "\nlab:\n  ip: 127.0.0.1\n  port: 8883\n  gateway_id: '706462169'\n",
    );
    const deleted = edit(created, { kind: 'delete', name: 'recalc' });
    expect(Object.keys(load(deleted) as object)).toEqual(['recalc-extended', 'lab']);
    const start = EXAMPLE.indexOf('recalc:\n');
    expect(deleted).toBe(created.slice(0, start) + created.slice(EXAMPLE.indexOf('\n# The same broker')));
  });

  it('renames a profile in place', () => {
    const result = edit(EXAMPLE, update('recalc', {}, [], 'recalc-old'));
    expect(changedRegion(EXAMPLE, result)).toBe('');
    expect(result).toContain('\nrecalc-old:\n  ip: broker.example.com');
    expect(Object.keys(load(result) as object)).toEqual(['recalc-old', 'recalc-extended']);
  });
});

describe('applyProfileEdit on a hand-written file', () => {
  const original = load(HAND_WRITTEN) as Record<string, Record<string, unknown>>;

  it('reads the odd quoting right and keeps it where nothing changed', () => {
    expect(original['plain']?.['password']).toBe('p"w\t#not-a-comment');
    const result = edit(
      HAND_WRITTEN,
      update('plain', { ...original['plain'], port: 1884 } as Record<string, unknown>),
    );
    expect(changedRegion(HAND_WRITTEN, result)).toBe('3');
    expect(load(result)).toEqual({ ...original, plain: { ...original['plain'], port: 1884 } });
  });

  it('rewrites quoted, multi-line and flow values, keeping the comments around them', () => {
    const set = {
      username: 'plain-now',
      password: "new 'quoted' # value",
      servername: 'b:c',
      alpn: ['h2', 'a,b'],
      client_id: 'one line',
    };
    const result = edit(HAND_WRITTEN, update('plain', set));
    const loaded = load(result) as Record<string, Record<string, unknown>>;
    expect(loaded['plain']).toEqual({ ...original['plain'], ...set });
    for (const comment of [
      '# the lab broker',
      '# a comment between settings',
      '# single quotes with an escaped quote',
      '# top comment: keep me',
      '# final comment',
    ]) {
      expect(result).toContain(comment);
    }
    expect(result).toContain('  note: |\n    # not a comment, block text\n    second line\n');
    // The other profiles, byte for byte.
    const tail = HAND_WRITTEN.slice(HAND_WRITTEN.indexOf('\n# comment before the anchored profile'));
    expect(result.endsWith(tail)).toBe(true);
  });

  it("adds a setting after the last one, at the profile's own indentation", () => {
    const result = edit(HAND_WRITTEN, update('quoted name', { port: 1883 }));
    expect(result).toContain(
      '"quoted name":\n    ip: q.example.com      # four-space indentation\n    port: 1883\nlast:',
    );
  });

  it('refuses, in words, profiles it cannot change safely', () => {
    expect(refusal(HAND_WRITTEN, update('alias', { port: 1 }))).toMatch(
      /"alias" cannot be changed here: it is an alias/,
    );
    expect(refusal(HAND_WRITTEN, update('merged', { port: 1 }))).toMatch(/merge key \(<<:\)/);
    expect(refusal(HAND_WRITTEN, update('flowy', { port: 1 }))).toMatch(/flow mapping/);
    // Changing the anchored value would change the profile that aliases it.
    expect(refusal(HAND_WRITTEN, update('base', { password: 'x' }))).toMatch(
      /base\.password is written with a YAML anchor/,
    );
    expect(refusal(HAND_WRITTEN, update('uses-anchor', { password: 'x' }))).toMatch(/anchor, alias or tag/);
    // The anchored profile itself feeds two others: any change would change them too.
    expect(refusal(HAND_WRITTEN, update('base', { port: 1 }))).toMatch(/"merged" would change too/);
    expect(refusal(HAND_WRITTEN, { kind: 'delete', name: 'base' })).toMatch(
      /not be valid YAML|would not come out/,
    );
    expect(refusal(HAND_WRITTEN, update('plain', {}, [], 'last'))).toMatch(/"last" already exists/);
    expect(refusal(HAND_WRITTEN, update('nope', {}))).toMatch(/no profile "nope"/);
  });

  it('edits the profiles around the anchors freely', () => {
    const result = edit(HAND_WRITTEN, update('uses-anchor', { port: 1885 }));
    expect((load(result) as Record<string, unknown>)['uses-anchor']).toEqual({
      ip: 'other.example.com',
      password: 'shared-secret',
      port: 1885,
    });
    expect(edit(result, { kind: 'delete', name: 'flowy' })).not.toContain('flowy');
  });

  it('keeps CRLF line endings and writes its own lines with them', () => {
    const crlf = HAND_WRITTEN.replaceAll('\n', '\r\n');
    const result = edit(crlf, update('last', { port: 8883, tls: true }));
    expect(result.replaceAll('\r\n', '')).not.toContain('\n');
    expect(result).toContain('  ip: last.example.com\r\n  port: 8883\r\n  tls: true\r\n# final comment\r\n');
    const created = edit(crlf, { kind: 'create', name: 'new', set: { ip: 'n' } });
    expect(created.endsWith('\r\n\r\nnew:\r\n  ip: n\r\n')).toBe(true);
  });

  it('handles a file without a final line break, and a byte order mark', () => {
    const source = '\uFEFFa:\n  ip: x';
    expect(edit(source, update('a', { port: 1 }))).toBe('\uFEFFa:\n  ip: x\n  port: 1');
    expect(edit(source, { kind: 'create', name: 'b', set: { ip: 'y' } })).toBe(
      '\uFEFFa:\n  ip: x\n\nb:\n  ip: y\n',
    );
    expect(edit('', { kind: 'create', name: 'b', set: { ip: 'y' } })).toBe('b:\n  ip: y\n');
    expect(edit('# only a comment\n', { kind: 'create', name: 'b', set: { ip: 'y' } })).toBe(
      '# only a comment\n\nb:\n  ip: y\n',
    );
  });

  it('refuses a file with a syntax error or more than one document', () => {
    expect(refusal('a:\n  ip: [x\n', update('a', { ip: 'y' }))).toMatch(/YAML error at line/);
    expect(refusal('a:\n  ip: x\n---\nb:\n  ip: y\n', update('a', { ip: 'y' }))).toMatch(
      /YAML error|more than one/,
    );
  });
});

describe('what is written loads back as exactly the value set (property)', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const anyText = fc.oneof(
    text,
    fc.constantFrom(
      'true',
      'null',
      '~',
      '0x1F',
      '706462169',
      '1e3',
      '- a',
      ': x',
      '#c',
      "'",
      '"',
      ' lead',
      'trail ',
      'a: b',
      'a #b',
      '*x',
      '&y',
      '!t',
      '<<',
      '[a]',
      '{b}',
      '@',
      '`',
      '%',
      '|',
      '>',
    ),
  );

  it('for text values, lists and profile names, in new and existing profiles', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.array(anyText, { maxLength: 4 }), (name, value, list) => {
        fc.pre(name !== '<<' && name !== 'demo');
        const set = { ip: value, username: value, alpn: list };
        const created = applyProfileEdit(EXAMPLE, { kind: 'create', name, set });
        const loaded = load(created) as Record<string, unknown>;
        if (Object.hasOwn(load(EXAMPLE) as object, name)) return;
        expect(loaded[name]).toEqual(set);
        const updated = applyProfileEdit(
          HAND_WRITTEN,
          update('plain', { servername: value, alpn: list, username: value }),
        );
        expect((load(updated) as Record<string, Record<string, unknown>>)['plain']).toMatchObject({
          servername: value,
          alpn: list,
          username: value,
        });
      }),
      { numRuns: 300 },
    );
  });
});

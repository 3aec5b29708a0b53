import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '../../../../shared/profile-form';
import { loadSettingsFile } from '../load-settings';
import { ProfileEditError } from './profile-edit-error';
import { ProfileStore } from './profile-store';

const SECRET = 'S3cret-that-stays-in-main';
const ORIGINAL = [
  '# lab brokers',
  'lab:',
  '  ip: 10.0.0.1 # the bench',
  '  username: gw',
  `  password: '${SECRET}'`,
  '  colour: blue # unknown to the app, kept',
  '',
  'other:',
  '  host: other.example.com',
  '',
].join('\n');

let dir: string;
let file: string;
let store: ProfileStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-profile-store-'));
  file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(file, ORIGINAL, { mode: 0o644 });
  store = new ProfileStore({ file });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const keep = { action: 'keep' } as const;
function draft(
  name: string,
  values: ProfileDraft['values'],
  extra: Partial<ProfileDraft> = {},
): ProfileDraft {
  return { name, values, password: keep, keyPassphrase: keep, secretsFrom: null, ...extra };
}
/** The refusal `run` throws (the test fails if it throws nothing else). */
function errorOf(run: () => unknown): ProfileEditError {
  let thrown: unknown = null;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ProfileEditError);
  return thrown as ProfileEditError;
}
const loaded = () => load(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;

describe('ProfileStore', () => {
  it('shows the profiles as written, with unknown keys named and secrets only as set / not set', () => {
    const read = store.read();
    expect(read.profiles.map((p) => [p.name, p.values, p.unknownKeys, p.hasPassword])).toEqual([
      ['lab', { ip: '10.0.0.1', username: 'gw' }, ['colour'], true],
      ['other', { host: 'other.example.com' }, [], false],
    ]);
    expect(JSON.stringify(read)).not.toContain(SECRET);
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('saves an edit atomically: mode 0600, the previous file as .bak, everything else unchanged', () => {
    const { hash } = store.read();
    const after = store.save({
      originalName: 'lab',
      hash,
      draft: draft('lab', { ip: '10.0.0.2', username: 'gw', port: 1884 }, { secretsFrom: 'lab' }),
    });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(
      ORIGINAL.replace('ip: 10.0.0.1', 'ip: 10.0.0.2')
        .replace('  colour', '  colour')
        .replace('# unknown to the app, kept\n', '# unknown to the app, kept\n  port: 1884\n'),
    );
    expect(loaded()['lab']).toEqual({
      ip: '10.0.0.2',
      username: 'gw',
      password: SECRET,
      colour: 'blue',
      port: 1884,
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(`${file}.bak`, 'utf8')).toBe(ORIGINAL);
    expect(fs.statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['secrets.yaml', 'secrets.yaml.bak']);
    expect(after.hash).not.toBe(hash);
  });

  it('never overwrites a file changed on disk since the form read it', () => {
    const { hash } = store.read();
    fs.appendFileSync(file, 'late:\n  ip: x\n');
    const error = errorOf(() => store.save({ originalName: null, hash, draft: draft('new', { ip: 'n' }) }));
    expect(error.code).toBe('CHANGED_ON_DISK');
    expect(error.message).toMatch(/changed on disk since this form read it/);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${ORIGINAL}late:\n  ip: x\n`);
    expect(errorOf(() => store.delete('lab', hash)).code).toBe('CHANGED_ON_DISK');
  });

  it("replaces and clears secrets, and a duplicate keeps the original's without the form seeing it", () => {
    let { hash } = store.read();
    ({ hash } = store.save({
      originalName: null,
      hash,
      draft: draft('lab-copy', { ip: '10.0.0.1', username: 'gw' }, { secretsFrom: 'lab' }),
    }));
    expect(loaded()['lab-copy']).toEqual({ ip: '10.0.0.1', username: 'gw', password: SECRET });
    ({ hash } = store.save({
      originalName: 'lab-copy',
      hash,
      draft: draft(
        'lab-copy',
        { ip: '10.0.0.1', username: 'gw' },
        { secretsFrom: 'lab-copy', password: { action: 'replace', value: 'new: "pw" #1' } },
      ),
    }));
    expect(loaded()['lab-copy']?.['password']).toBe('new: "pw" #1');
    store.save({
      originalName: 'lab-copy',
      hash,
      draft: draft(
        'lab-copy',
        { ip: '10.0.0.1', username: 'gw' },
        { secretsFrom: 'lab-copy', password: { action: 'clear' } },
      ),
    });
    expect(loaded()['lab-copy']).toEqual({ ip: '10.0.0.1', username: 'gw' });
    expect(loaded()['lab']?.['password']).toBe(SECRET);
  });

  it('renames and deletes, and the loader reads the result', () => {
    let { hash } = store.read();
    ({ hash } = store.save({
      originalName: 'other',
      hash,
      draft: draft('bench', { host: 'other.example.com' }),
    }));
    store.delete('lab', hash);
    const settings = loadSettingsFile(file);
    expect(settings.profiles.map((p) => p.name)).toEqual(['bench']);
    expect(fs.readFileSync(file, 'utf8')).toBe('# lab brokers\n\nbench:\n  host: other.example.com\n');
  });

  it("refuses values the loader would refuse, in the loader's words, and writes nothing", () => {
    const { hash } = store.read();
    const cases: Array<[ProfileDraft, RegExp]> = [
      [draft('x', { ip: 'mqtts://b.example.com' }), /ip must be a host name or address without a scheme/],
      [draft('x', { ip: 'b', port: '88x' }), /port must be a whole number from 1 to 65535, got "88x"/],
      [
        draft('x', { ip: 'b', cert_file: 'c.pem' }),
        /cert_file cannot be read at .*c\.pem: no such file or folder \(ENOENT\)/,
      ],
      [draft('demo', { ip: 'b' }), /reserved for the built-in demo profile/],
      [draft(' x', { ip: 'b' }), /starts or ends with a space/],
      [draft('lab', { ip: 'b' }), /"lab" already exists/],
    ];
    for (const [d, words] of cases) {
      const error = errorOf(() => store.save({ originalName: null, hash, draft: d }));
      expect(error.message).toMatch(words);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(fs.existsSync(`${file}.bak`)).toBe(false);
  });

  it('creates the file when there is none yet, and says so when there is no file at all', () => {
    fs.rmSync(file);
    expect(store.read()).toEqual({ file, hash: null, profiles: [], refusal: null });
    store.save({
      originalName: null,
      hash: null,
      draft: draft(
        'first',
        { ip: 'a.example.com', gateway_id: '706462169' },
        { password: { action: 'replace', value: 'pw' } },
      ),
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      "first:\n  ip: a.example.com\n  password: pw\n  gateway_id: '706462169'\n",
    );
    expect(fs.existsSync(`${file}.bak`)).toBe(false);
    const none = new ProfileStore({ file: null });
    expect(none.read().refusal).toMatch(/No settings file/);
    expect(
      errorOf(() => none.save({ originalName: null, hash: null, draft: draft('a', { ip: 'b' }) })).code,
    ).toBe('FILE');
  });

  it('builds the profile a connection test uses from unsaved values and the stored password', () => {
    const profile = store.draftProfile(draft('lab', { ip: '10.0.0.9', port: 8883 }, { secretsFrom: 'lab' }));
    expect(profile).toMatchObject({
      host: '10.0.0.9',
      port: 8883,
      tls: true,
      password: SECRET,
      gatewayId: null,
    });
    expect(
      store.draftProfile(
        draft('lab', { ip: 'h' }, { secretsFrom: 'lab', password: { action: 'replace', value: 'typed' } }),
      ).password,
    ).toBe('typed');
    expect(
      store.draftProfile(draft('lab', { ip: 'h' }, { secretsFrom: 'lab', password: { action: 'clear' } }))
        .password,
    ).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  PLAIN_KEYS,
  type EditableProfile,
  type ProfileDraft,
  type ProfileFile,
  type ProfileSave,
  type SecretChange,
} from '../../../../shared/profile-form';
import { checkProfileName } from '../../../../shared/profile-rules/check-profile';
import { PROFILE_KEYS } from '../../../../shared/profile-rules/profile-keys';
import { unreadableReason } from '../file-access';
import { parseProfile } from '../parse-profile';
import { ProblemList } from '../problems';
import type { Profile } from '../profile';
import { applyProfileEdit, loadRoot, type ProfileEdit } from './apply-edit';
import { replaceWithBackup } from './atomic-write';
import { ProfileEditError } from './profile-edit-error';
import { readLayout } from './profile-layout';
import type { YamlValue } from './yaml-scalar';

// The profile form's access to the settings file: what it may show (never a secret), and saving
// a profile back into the same file without touching anything else in it.

export interface ProfileStoreOptions {
  /** The settings file; null when the app runs without one (then nothing can be saved). */
  file: string | null;
  /** Overrides the certificate readability check (tests). */
  unreadable?: (file: string) => string | null;
}

type Mapping = Record<string, unknown>;

export class ProfileStore {
  constructor(private readonly options: ProfileStoreOptions) {}

  /** The file's profiles as written, without their secrets. */
  read(): ProfileFile {
    const { file } = this.options;
    if (file === null) {
      return {
        file: null,
        hash: null,
        profiles: [],
        refusal:
          'No settings file is in use, so there is nowhere to save a profile; start the app with --settings FILE.',
      };
    }
    const bytes = readIfThere(file);
    if (bytes === null) return { file, hash: null, profiles: [], refusal: null };
    const text = stripBom(bytes.toString('utf8'));
    let root: Mapping;
    try {
      root = loadRoot(text);
    } catch (error) {
      return { file, hash: hashOf(bytes), profiles: [], refusal: messageOf(error) };
    }
    const layout = readLayout(text);
    const profiles = Object.entries(root).map(([name, value]): EditableProfile => {
      const refusal = layout.profiles.find((p) => p.name === name)?.refusal ?? null;
      if (!isMapping(value)) {
        return {
          name,
          values: {},
          unknownKeys: [],
          hasPassword: false,
          hasKeyPassphrase: false,
          refusal: refusal ?? 'it is not written as indented key: value lines; change it in a text editor',
        };
      }
      const values: Mapping = {};
      for (const key of PLAIN_KEYS) if (Object.hasOwn(value, key)) values[key] = value[key];
      return {
        name,
        values,
        unknownKeys: Object.keys(value).filter((key) => !(PROFILE_KEYS as readonly string[]).includes(key)),
        hasPassword: isSet(value['password']),
        hasKeyPassphrase: isSet(value['key_passphrase']),
        refusal,
      };
    });
    return { file, hash: hashOf(bytes), profiles, refusal: layout.refusal };
  }

  /** Creates, changes or renames one profile; refuses if the file changed since `hash` was read. */
  save({ originalName, draft, hash }: ProfileSave): ProfileFile {
    const { file, bytes, root } = this.current(hash);
    const set = this.settingsToWrite(draft, root);
    const edit: ProfileEdit =
      originalName === null
        ? { kind: 'create', name: draft.name, set: inFileOrder(set) }
        : {
            kind: 'update',
            name: originalName,
            newName: draft.name,
            set,
            remove: removedKeys(root[originalName], draft),
          };
    const text = applyProfileEdit(bytes ? bytes.toString('utf8') : '', edit);
    this.write(file, bytes, text);
    return this.read();
  }

  delete(name: string, hash: string | null): ProfileFile {
    const { file, bytes } = this.current(hash);
    if (bytes === null)
      throw new ProfileEditError('NO_SUCH_PROFILE', `There is no profile "${name}" in the settings file.`);
    this.write(file, bytes, applyProfileEdit(bytes.toString('utf8'), { kind: 'delete', name }));
    return this.read();
  }

  /** The form's values as a checked profile with the stored secrets filled in, for a connection test. */
  draftProfile(draft: ProfileDraft): Profile {
    const file = this.options.file;
    const bytes = file ? readIfThere(file) : null;
    const root = bytes ? loadRoot(stripBom(bytes.toString('utf8'))) : {};
    return this.check(draft, root, 'tested');
  }

  private settingsToWrite(draft: ProfileDraft, root: Mapping): Record<string, YamlValue> {
    this.check(draft, root, 'saved');
    const set: Record<string, YamlValue> = { ...(draft.values as Record<string, YamlValue>) };
    const source =
      draft.secretsFrom !== null && isMapping(root[draft.secretsFrom]) ? root[draft.secretsFrom] : {};
    for (const [key, change] of [
      ['password', draft.password],
      ['key_passphrase', draft.keyPassphrase],
    ] as const) {
      const value = secretValue(change, source as Mapping, key);
      if (value !== null) set[key] = value;
    }
    return set;
  }

  /** Runs the loader's own checks on the draft; the errors, in its words, refuse the save or test. */
  private check(draft: ProfileDraft, root: Mapping, outcome: 'saved' | 'tested'): Profile {
    const nameProblem = checkProfileName(draft.name);
    if (nameProblem) throw new ProfileEditError('INVALID', nameProblem);
    const file = this.options.file;
    const problems = new ProblemList(file ?? '');
    const source =
      draft.secretsFrom !== null && isMapping(root[draft.secretsFrom])
        ? (root[draft.secretsFrom] as Mapping)
        : {};
    const raw: Mapping = { ...draft.values };
    const password = secretValue(draft.password, source, 'password');
    const passphrase = secretValue(draft.keyPassphrase, source, 'key_passphrase');
    if (password !== null) raw['password'] = password;
    if (passphrase !== null) raw['key_passphrase'] = passphrase;
    const profile = parseProfile(draft.name, raw, {
      baseDir: file ? path.dirname(file) : process.cwd(),
      problems,
      unreadable: this.options.unreadable ?? unreadableReason,
    });
    if (!profile) {
      const errors = problems.items.filter((p) => p.severity === 'error').map((p) => p.message);
      throw new ProfileEditError('INVALID', `The profile was not ${outcome}: ${errors.join('; ')}.`);
    }
    return profile;
  }

  /** The file as it is now, refused if it is not the version the form was filled from. */
  private current(hash: string | null): { file: string; bytes: Buffer | null; root: Mapping } {
    const file = this.options.file;
    if (file === null)
      throw new ProfileEditError('FILE', 'No settings file is in use; start the app with --settings FILE.');
    const bytes = readIfThere(file);
    if ((bytes === null ? null : hashOf(bytes)) !== hash) {
      throw new ProfileEditError(
        'CHANGED_ON_DISK',
        `The settings file ${file} changed on disk since this form read it, so it was not overwritten. Reload it, then make the change again.`,
      );
    }
    return { file, bytes, root: bytes ? loadRoot(stripBom(bytes.toString('utf8'))) : {} };
  }

  private write(file: string, previous: Buffer | null, text: string): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      replaceWithBackup(file, previous, text);
    } catch (error) {
      throw new ProfileEditError(
        'FILE',
        `The settings file ${file} could not be written: ${messageOf(error)}.`,
      );
    }
  }
}

/**
 * What a secret becomes: `keep` copies the stored one (a duplicate gets the original's), `replace`
 * the typed one; null means "not written" (cleared, or nothing stored to keep).
 */
function secretValue(change: SecretChange, source: Mapping, key: string): string | null {
  if (change.action === 'replace') return change.value;
  if (change.action === 'clear') return null;
  const stored = source[key];
  return typeof stored === 'string' ? stored : null;
}

/** Known settings in the file that the draft no longer has (unknown ones always stay). */
function removedKeys(profile: unknown, draft: ProfileDraft): string[] {
  if (!isMapping(profile)) return [];
  const removed: string[] = PLAIN_KEYS.filter(
    (key) => Object.hasOwn(profile, key) && !Object.hasOwn(draft.values, key),
  );
  if (draft.password.action === 'clear') removed.push('password');
  if (draft.keyPassphrase.action === 'clear') removed.push('key_passphrase');
  return removed;
}

/** A new profile's settings in the order the example file uses. */
function inFileOrder(set: Record<string, YamlValue>): Record<string, YamlValue> {
  const ordered: Record<string, YamlValue> = {};
  for (const key of PROFILE_KEYS) if (Object.hasOwn(set, key)) ordered[key] = set[key]!;
  return ordered;
}

function readIfThere(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProfileEditError('FILE', `The settings file ${file} cannot be read: ${messageOf(error)}.`);
  }
}

const hashOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const stripBom = (text: string): string => text.replace(/^\uFEFF/, '');
const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

import { isDeepStrictEqual } from 'node:util';
import { YAMLException, loadAll } from 'js-yaml';
import { ProfileEditError } from './profile-edit-error';
import { readLayout, type FileLayout, type ProfileLayout } from './profile-layout';
import { yamlKey, yamlValue, type YamlValue } from './yaml-scalar';

// Changes one profile of a settings file by splicing its text: every byte outside the splices
// (comments, key order, quoting, the other profiles) stays as it was. Each result is loaded
// again and compared with what was meant before it is returned, so a layout this module reads
// wrongly ends in a refusal, never in a changed meaning.

export type ProfileEdit =
  /** A new profile at the end of the file, its settings in the order given. */
  | { kind: 'create'; name: string; set: Record<string, YamlValue> }
  /** Settings changed, added (at the end of the profile) or removed; optionally a new name. */
  | { kind: 'update'; name: string; newName: string; set: Record<string, YamlValue>; remove: string[] }
  | { kind: 'delete'; name: string };

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The settings file text with the edit applied; throws ProfileEditError when it cannot be done safely. */
export function applyProfileEdit(source: string, edit: ProfileEdit): string {
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = source.slice(bom.length);
  const before = loadRoot(text);
  const layout = readLayoutOrRefuse(text);
  const splices = plan(text, layout, before, edit);
  let result = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, s.start) + s.text + result.slice(s.end);
  }
  verify(before, result, edit);
  return bom + result;
}

/** The loaded profiles of a settings text, by name (an empty file has none). */
export function loadRoot(text: string): Record<string, unknown> {
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (error) {
    const where = error instanceof YAMLException && error.mark ? ` at line ${error.mark.line + 1}` : '';
    const reason = error instanceof YAMLException ? error.reason : 'it cannot be read as YAML';
    throw new ProfileEditError(
      'NOT_EDITABLE',
      `the settings file has a YAML error${where} (${reason}); fix it in a text editor first`,
    );
  }
  if (documents.length > 1) {
    throw new ProfileEditError(
      'NOT_EDITABLE',
      'the settings file holds more than one YAML document (---); change it in a text editor',
    );
  }
  const root = documents[0];
  if (root === null || root === undefined) return {};
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new ProfileEditError(
      'NOT_EDITABLE',
      'the top level of the settings file is not a list of profiles',
    );
  }
  return root as Record<string, unknown>;
}

function readLayoutOrRefuse(text: string): FileLayout {
  const layout = readLayout(text);
  if (layout.refusal)
    throw new ProfileEditError(
      'NOT_EDITABLE',
      `The settings file cannot be changed here: ${layout.refusal}.`,
    );
  return layout;
}

function plan(
  text: string,
  layout: FileLayout,
  before: Record<string, unknown>,
  edit: ProfileEdit,
): Splice[] {
  const { lines, eol } = layout;
  if (edit.kind === 'create') {
    if (Object.hasOwn(before, edit.name)) throw nameTaken(edit.name);
    const indent = ' '.repeat(layout.profiles.find((p) => p.indent !== null)?.indent ?? 2);
    const body = Object.entries(edit.set).map(
      ([key, value]) => `${indent}${yamlKey(key)}: ${yamlValue(value)}${eol}`,
    );
    const needsBreak = text.length > 0 && !text.endsWith('\n');
    const gap = text.trim().length > 0 ? eol : '';
    return [
      {
        start: text.length,
        end: text.length,
        text: `${needsBreak ? eol : ''}${gap}${yamlKey(edit.name)}:${eol}${body.join('')}`,
      },
    ];
  }

  if (edit.kind === 'delete') {
    // Whole lines go, so even a profile the editor cannot change can go (the result is checked).
    const profile = layout.profiles.find((p) => p.name === edit.name);
    if (!profile) throw noSuchProfile(edit.name);
    return [{ start: lines.start(profile.firstLine), end: lines.after(profile.lastLine), text: '' }];
  }
  const profile = editable(layout, edit.name);

  const splices: Splice[] = [];
  if (edit.newName !== edit.name) {
    if (Object.hasOwn(before, edit.newName)) throw nameTaken(edit.newName);
    splices.push({ start: profile.keyStart, end: profile.keyEnd, text: yamlKey(edit.newName) });
  }
  const current = before[edit.name] as Record<string, unknown>;
  const added: string[] = [];
  for (const [key, value] of Object.entries(edit.set)) {
    const entry = profile.entries.find((e) => e.key === key);
    if (!entry) {
      added.push(`${' '.repeat(profile.indent ?? 2)}${yamlKey(key)}: ${yamlValue(value)}`);
      continue;
    }
    if (isDeepStrictEqual(current[key], value)) continue;
    if (entry.special) throw special(edit.name, key);
    splices.push(
      entry.multiLine
        ? { start: entry.colonEnd, end: lines.end(entry.lastLine), text: ` ${yamlValue(value)}` }
        : {
            start: entry.valueStart,
            end: entry.valueEnd,
            text: `${entry.valueStart === entry.colonEnd ? ' ' : ''}${yamlValue(value)}`,
          },
    );
  }
  for (const key of edit.remove) {
    const entry = profile.entries.find((e) => e.key === key);
    if (!entry) continue;
    if (entry.special) throw special(edit.name, key);
    splices.push({ start: entry.lineStart, end: lines.after(entry.lastLine), text: '' });
  }
  if (added.length > 0) {
    // After the profile's last line of content, before any comments that lead to the next profile.
    const at = lines.after(profile.lastLine);
    const lastHasBreak = lines.end(profile.lastLine) < at;
    const block = added.map((line) => line + eol).join('');
    splices.push({ start: at, end: at, text: lastHasBreak ? block : eol + block.slice(0, -eol.length) });
  }
  return splices;
}

function editable(layout: FileLayout, name: string): ProfileLayout {
  const profile = layout.profiles.find((p) => p.name === name);
  if (!profile)
    throw new ProfileEditError('NO_SUCH_PROFILE', `There is no profile "${name}" in the settings file.`);
  if (profile.refusal) {
    throw new ProfileEditError(
      'NOT_EDITABLE',
      `The profile "${name}" cannot be changed here: ${profile.refusal}.`,
    );
  }
  return profile;
}

/** Loads the result and checks that it means exactly what the edit asked for, nothing else. */
function verify(before: Record<string, unknown>, result: string, edit: ProfileEdit): void {
  let after: Record<string, unknown>;
  try {
    after = loadRoot(result);
  } catch {
    throw unsafe('the result would not be valid YAML');
  }
  const expected: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(before)) {
    if (name !== edit.name) {
      put(expected, name, value);
      continue;
    }
    if (edit.kind === 'delete') continue;
    if (edit.kind === 'update') {
      const changed = { ...(value as Record<string, unknown>), ...edit.set };
      for (const key of edit.remove) delete changed[key];
      put(expected, edit.newName, changed);
    }
  }
  if (edit.kind === 'create') put(expected, edit.name, { ...edit.set });
  if (!isDeepStrictEqual(Object.keys(after), Object.keys(expected))) {
    throw unsafe('the profile names would not come out as intended');
  }
  for (const [name, value] of Object.entries(expected)) {
    if (!isDeepStrictEqual(after[name], value)) {
      throw unsafe(
        name === edit.name || (edit.kind === 'update' && name === edit.newName)
          ? `the profile "${name}" would not read back as entered`
          : `the profile "${name}" would change too (it shares YAML anchors or aliases with this one)`,
      );
    }
  }
}

/** An own property even for a name like __proto__, as js-yaml loads it. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const noSuchProfile = (name: string) =>
  new ProfileEditError('NO_SUCH_PROFILE', `There is no profile "${name}" in the settings file.`);

const nameTaken = (name: string) =>
  new ProfileEditError('NAME_TAKEN', `A profile named "${name}" already exists; choose another name.`);

const special = (profile: string, key: string) =>
  new ProfileEditError(
    'NOT_EDITABLE',
    `${profile}.${key} is written with a YAML anchor, alias or tag (&, *, !), which other settings may rely on; change it in a text editor.`,
  );

const unsafe = (what: string) =>
  new ProfileEditError(
    'NOT_EDITABLE',
    `The settings file was not changed: ${what}. Make this change in a text editor.`,
  );

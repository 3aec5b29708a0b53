import {
  PLAIN_KEYS,
  SettingValueSchema,
  type EditableProfile,
  type PlainKey,
  type ProfileDraft,
  type SecretChange,
  type SettingValue,
} from '../../../shared/profile-form';
import {
  checkProfile,
  checkProfileName,
  type CheckedProfile,
} from '../../../shared/profile-rules/check-profile';

// The profile form as plain data: fields hold text as typed; the draft sent to main holds the
// values to write. The checks are the loader's own (shared/profile-rules), so the form shows
// exactly the words the settings list would show after saving.

export interface FormState {
  /** The profile being edited; null for a new one (or a duplicate). */
  originalName: string | null;
  /** The saved profile whose password / passphrase "keep" refers to. */
  secretsFrom: string | null;
  name: string;
  /** The file writes the broker address as `ip` or as its alias `host`; the form keeps the one used. */
  hostKey: 'ip' | 'host';
  text: Record<PlainKey, string>;
  /** As read, so an untouched field writes back exactly what the file had. */
  initialText: Record<PlainKey, string>;
  initialValues: Record<string, unknown>;
  password: SecretChange;
  keyPassphrase: SecretChange;
  /** Whether the profile in `secretsFrom` has one stored. */
  storedPassword: boolean;
  storedKeyPassphrase: boolean;
  unknownKeys: string[];
}

const NUMBER_KEYS: readonly PlainKey[] = ['port', 'keepalive', 'protocol_version', 'qos'];
const BOOLEAN_KEYS: readonly PlainKey[] = ['tls', 'tls_insecure'];
const KEEP: SecretChange = { action: 'keep' };

/** A value of the file as the text a field shows. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What a field's text means as a setting: a number, true/false, a list, or text. Blank = not written. */
export function valueOf(key: PlainKey, text: string): SettingValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (NUMBER_KEYS.includes(key) && /^\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed)))
    return Number(trimmed);
  if (BOOLEAN_KEYS.includes(key) && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (key === 'alpn')
    return trimmed
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  return trimmed;
}

function emptyText(): Record<PlainKey, string> {
  return Object.fromEntries(PLAIN_KEYS.map((key) => [key, ''])) as Record<PlainKey, string>;
}

export function newProfileForm(): FormState {
  return {
    originalName: null,
    secretsFrom: null,
    name: '',
    hostKey: 'ip',
    text: emptyText(),
    initialText: emptyText(),
    initialValues: {},
    password: KEEP,
    keyPassphrase: KEEP,
    storedPassword: false,
    storedKeyPassphrase: false,
    unknownKeys: [],
  };
}

/** The form for a saved profile; `duplicate` makes it a new profile that starts as a copy. */
export function profileForm(
  profile: EditableProfile,
  duplicate = false,
  takenNames: string[] = [],
): FormState {
  const text = emptyText();
  for (const key of PLAIN_KEYS) text[key] = textOf(profile.values[key]);
  const hostKey =
    Object.hasOwn(profile.values, 'host') && !Object.hasOwn(profile.values, 'ip') ? 'host' : 'ip';
  if (hostKey === 'host') text.ip = text.host;
  text.host = '';
  return {
    originalName: duplicate ? null : profile.name,
    secretsFrom: profile.name,
    name: duplicate ? copyName(profile.name, takenNames) : profile.name,
    hostKey,
    text,
    initialText: duplicate ? emptyText() : { ...text },
    initialValues: duplicate ? {} : { ...profile.values },
    password: KEEP,
    keyPassphrase: KEEP,
    storedPassword: profile.hasPassword,
    storedKeyPassphrase: profile.hasKeyPassphrase,
    unknownKeys: duplicate ? [] : profile.unknownKeys,
  };
}

/** "lab copy", "lab copy 2"…: the first that is free. */
export function copyName(name: string, taken: string[]): string {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${name} copy` : `${name} copy ${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** What main is asked to write. */
export function draftOf(form: FormState): ProfileDraft {
  const values: ProfileDraft['values'] = {};
  for (const key of PLAIN_KEYS) {
    if (key === 'host') continue;
    const target = key === 'ip' ? form.hostKey : key;
    const original = form.initialValues[target];
    const untouched =
      form.text[key] === form.initialText[key] && SettingValueSchema.safeParse(original).success;
    const value = untouched ? (original as SettingValue) : valueOf(key, form.text[key]);
    if (value !== undefined) values[target] = value;
  }
  return {
    name: form.name,
    values,
    password: typed(form.password),
    keyPassphrase: typed(form.keyPassphrase),
    secretsFrom: form.secretsFrom,
  };
}

export interface FieldProblem {
  severity: 'error' | 'warning';
  message: string;
}

export interface FormCheck {
  /** By field: a PlainKey, 'password', 'key_passphrase' or 'name'. */
  problems: Record<string, FieldProblem[]>;
  errorCount: number;
  /** The profile with the loader's defaults applied (null while there are errors). */
  profile: CheckedProfile | null;
  /** The loader's defaults for the fields without errors: what an empty field means. */
  defaults: CheckedProfile | null;
}

/** The loader's checks on the form's values; certificate files are checked by main when saving. */
export function checkForm(form: FormState, takenNames: string[]): FormCheck {
  const problems: Record<string, FieldProblem[]> = {};
  let errorCount = 0;
  const add = (field: string, severity: FieldProblem['severity'], message: string) => {
    (problems[field] ??= []).push({ severity, message });
    if (severity === 'error') errorCount += 1;
  };
  const nameProblem = checkProfileName(form.name);
  if (nameProblem) add('name', 'error', nameProblem);
  if (form.name !== form.originalName && takenNames.includes(form.name)) {
    add('name', 'error', `a profile named "${form.name}" already exists; choose another name`);
  }
  const draft = draftOf(form);
  const raw: Record<string, unknown> = { ...draft.values };
  // The secrets' values do not matter to any check, only whether there is one.
  if (secretWillBeSet(form.password, form.storedPassword)) raw['password'] = 'set';
  if (secretWillBeSet(form.keyPassphrase, form.storedKeyPassphrase)) raw['key_passphrase'] = 'set';
  const name = form.name.trim() === '' ? 'new' : form.name;
  const fieldOf = (key: string | null): string => {
    const setting = key && key.startsWith(`${name}.`) ? key.slice(name.length + 1) : null;
    if (setting === null) return 'name';
    return setting === 'host' ? 'ip' : setting;
  };
  const sink = {
    error: (key: string | null, message: string) => add(fieldOf(key), 'error', message),
    warning: (key: string | null, message: string) => add(fieldOf(key), 'warning', message),
    get errorCount() {
      return errorCount;
    },
  };
  const profile = checkProfile(name, raw, { problems: sink, resolvePath: (p) => p, unreadable: () => null });
  return {
    problems,
    errorCount,
    profile: errorCount > 0 ? null : profile,
    defaults: profile ?? defaultsOf(raw, problems),
  };
}

/**
 * The defaults with the settings that have errors left out, so one typo does not blank every
 * hint. The sink is quiet: these checks were reported already.
 */
function defaultsOf(
  raw: Record<string, unknown>,
  problems: Record<string, FieldProblem[]>,
): CheckedProfile | null {
  const usable = { ...raw };
  for (const [field, list] of Object.entries(problems)) {
    if (!list.some((p) => p.severity === 'error')) continue;
    delete usable[field];
    if (field === 'ip') delete usable['host'];
  }
  const quiet = { error: () => undefined, warning: () => undefined, errorCount: 0 };
  return checkProfile('defaults', usable, { problems: quiet, resolvePath: (p) => p, unreadable: () => null });
}

/** "Replace" with nothing typed yet keeps the stored secret. */
function typed(change: SecretChange): SecretChange {
  return change.action === 'replace' && change.value === '' ? KEEP : change;
}

export function secretWillBeSet(change: SecretChange, stored: boolean): boolean {
  const effective = typed(change);
  return effective.action === 'replace' || (effective.action === 'keep' && stored);
}

import path from 'node:path';
import { YAMLException, loadAll } from 'js-yaml';
import type { SettingsProblem } from '../../../shared/settings';
import { osReason, readTextFile, unreadableReason } from './file-access';
import { parseProfile } from './parse-profile';
import { PROFILE_KEYS } from '../../../shared/profile-rules/profile-keys';
import { ProblemList } from './problems';
import type { Profile } from './profile';
import { describeValue } from '../../../shared/profile-rules/values';
import { findKeyLines, nearestKeyPath } from './yaml-locations';

export interface LoadedSettings {
  /** Absolute path of the file that was read. */
  file: string;
  /** The profiles without errors, in file order. */
  profiles: Profile[];
  problems: SettingsProblem[];
}

export interface LoadSettingsDeps {
  readFile?: (file: string) => string;
  /** Overrides the certificate readability check (then the OS reason is not known). */
  canRead?: (file: string) => boolean;
}

/**
 * Reads and checks a settings file. Never throws for a bad file: the app must still start, so
 * every problem is returned, located by file, line and key. Profiles with errors are left out.
 */
export function loadSettingsFile(file: string, deps: LoadSettingsDeps = {}): LoadedSettings {
  const absolute = path.resolve(file);
  const result = (problems: SettingsProblem[], profiles: Profile[] = []): LoadedSettings => ({
    file: absolute,
    profiles,
    problems,
  });

  let source: string;
  try {
    source = (deps.readFile ?? readTextFile)(absolute).replace(/^\uFEFF/, '');
  } catch (error) {
    return result([fileProblem(absolute, `cannot read the settings file: ${osReason(error)}`)]);
  }

  let documents: unknown[];
  try {
    documents = loadAll(source);
  } catch (error) {
    return result([syntaxProblem(absolute, source, error)]);
  }

  const problems = new ProblemList(absolute, findKeyLines(source));
  if (documents.length > 1) {
    problems.error(
      null,
      'the file holds more than one YAML document (a line with ---); keep all profiles in one',
    );
    return result(problems.items);
  }
  const root = documents[0];
  if (root === undefined || root === null || (isMapping(root) && Object.keys(root).length === 0)) {
    problems.warning(null, 'no profiles: the file is empty; add a profile such as recalc: with ip: under it');
    return result(problems.items);
  }
  if (!isMapping(root)) {
    problems.error(
      null,
      `the top level must be profile names, each followed by a colon and its settings (e.g. recalc:), got ${describeValue(root, false)}`,
      firstContentLine(source),
    );
    return result(problems.items);
  }

  const unreadable = deps.canRead
    ? (p: string) => (deps.canRead?.(p) ? null : 'the file cannot be read')
    : unreadableReason;
  const context = { baseDir: path.dirname(absolute), problems, unreadable };
  const profiles: Profile[] = [];
  for (const [name, value] of Object.entries(root)) {
    if (!isMapping(value)) {
      problems.error(name, notAMappingMessage(name, value));
      continue;
    }
    const profile = parseProfile(name, value, context);
    if (profile) profiles.push(profile);
  }
  return result(problems.inFileOrder(), profiles);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Never echoes the value: a top-level `password: …` (indentation lost) lands here. */
function notAMappingMessage(name: string, value: unknown): string {
  if ((PROFILE_KEYS as readonly string[]).includes(name)) {
    return `"${name}" is at the top level, where profile names go; indent it under a profile name such as recalc:`;
  }
  if (value === null) {
    return `profile "${name}" is empty; put its settings (at least ip:) on the lines below it, indented`;
  }
  return `profile "${name}" must hold settings as indented key: value lines, got ${describeValue(value, false)}`;
}

/** 1-based line of the first thing that is not blank, a comment or a document marker. */
function firstContentLine(source: string): number | null {
  const index = source
    .split(/\r?\n/)
    .findIndex((row) => !/^\s*(#.*)?$/.test(row) && !/^(---|\.\.\.)\s*$/.test(row));
  return index >= 0 ? index + 1 : null;
}

function fileProblem(file: string, message: string): SettingsProblem {
  return { severity: 'error', file, line: null, key: null, message };
}

/** Plain-language hints for the YAML mistakes people make most when editing by hand. */
const SYNTAX_HINTS: [RegExp, string][] = [
  [/tab characters/, 'indent with spaces, not tabs'],
  [/duplicated mapping key/, 'the same key is written twice at this level'],
  [/deficient indentation/, 'a bracket or quote above may be left open, or a line is indented too little'],
  [
    /indentation/,
    'indent the keys of one profile by the same number of spaces; quote values containing ": "',
  ],
  [/quoted scalar/, 'a quote is opened but never closed'],
];

/** Uses the exception's reason and position only: its snippet could show a password line. */
function syntaxProblem(file: string, source: string, error: unknown): SettingsProblem {
  const reason = error instanceof YAMLException ? error.reason : 'the file could not be parsed';
  const mark = error instanceof YAMLException ? error.mark : undefined;
  const line = mark && mark.line >= 0 ? mark.line + 1 : null;
  const hint = SYNTAX_HINTS.find(([pattern]) => pattern.test(reason))?.[1];
  return {
    severity: 'error',
    file,
    line,
    key: line === null ? null : nearestKeyPath(source, line),
    message: `YAML syntax error: ${reason}${hint ? ` (${hint})` : ''}`,
  };
}

import type { SettingsProblem } from '../../shared/settings';
import { demoProfile } from '../core/demo';
import { DEMO_PROFILE_NAME, loadSettingsFile, type Profile } from '../core/settings';
import type { CliIo } from './io';
import { describeProblem } from './problems';
import { findSettings } from './settings-location';

/**
 * The named profile, or null after explaining on stderr why it cannot be used (file, line, key).
 * `allowDemo`: the demo profile needs the in-process broker, which only `run` and the app start.
 */
export function findProfile(
  settings: string | undefined,
  name: string,
  io: CliIo,
  options: { allowDemo: boolean },
): Profile | null {
  if (name === DEMO_PROFILE_NAME) {
    if (options.allowDemo) return demoProfile();
    io.err(
      `error: the demo profile uses the app's in-process broker, which runs only inside the app or \`run\`; ` +
        'this command checks profiles of a settings file',
    );
    return null;
  }
  const location = findSettings(settings);
  if (!location.path) {
    io.err('error: no settings file found; pass --settings FILE');
    return null;
  }
  const loaded = loadSettingsFile(location.path);
  const profile = loaded.profiles.find((p) => p.name === name);
  const relevant = loaded.problems.filter(
    (p) => concerns(p, name) || (p.severity === 'error' && p.key === null),
  );
  for (const problem of relevant) io.err(describeProblem(problem));
  if (profile) return profile;
  const broken = loaded.problems.some((p) => p.severity === 'error' && concerns(p, name));
  if (broken) {
    io.err(`error: profile "${name}" in ${loaded.file} has errors (above); fix them and try again`);
  } else if (!relevant.some((p) => p.severity === 'error')) {
    const names = loaded.profiles.map((p) => p.name);
    io.err(
      `error: no profile "${name}" in ${loaded.file}` +
        (names.length > 0 ? `; its profiles are: ${names.join(', ')}` : '; it holds no usable profile'),
    );
  }
  return null;
}

function concerns(problem: SettingsProblem, name: string): boolean {
  return problem.key === name || (problem.key?.startsWith(`${name}.`) ?? false);
}

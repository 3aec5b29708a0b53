import { parseArgs } from 'node:util';
import { toSettingsView } from '../../core/app/settings-view';
import { loadSettingsFile } from '../../core/settings';
import { EXIT, type CliIo } from '../io';
import { findSettings } from '../settings-location';
import { describeProblem } from '../problems';

/** `profiles [--settings FILE]`: one JSON line per profile, problems on stderr. */
export function profilesCommand(argv: string[], io: CliIo): number {
  const { values } = parseArgs({ args: argv, options: { settings: { type: 'string' } }, strict: true });
  const location = findSettings(values.settings);
  const loaded = location.path ? loadSettingsFile(location.path) : null;
  const view = toSettingsView(loaded, new Date());
  for (const profile of view.profiles) io.out(profile);
  for (const problem of view.problems) io.err(describeProblem(problem));
  if (!location.path) io.err('No settings file found: only the demo profile is listed.');
  return view.problems.some((p) => p.severity === 'error') ? EXIT.usage : EXIT.ok;
}

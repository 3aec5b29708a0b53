import type { SettingsView } from '../../../shared/settings';
import { demoProfile } from '../demo';
import { toProfileView, type LoadedSettings } from '../settings';

/**
 * What the renderer is told: the demo profile first (always there, even with no or a broken
 * file), then the file's profiles, with secrets reduced to booleans.
 */
export function toSettingsView(loaded: LoadedSettings | null, now: Date): SettingsView {
  return {
    file: loaded?.file ?? null,
    loadedAt: now.toISOString(),
    profiles: [demoProfile(), ...(loaded?.profiles ?? [])].map(toProfileView),
    problems: loaded ? loaded.problems.map((problem) => ({ ...problem })) : [],
  };
}

import type { SettingsView } from '../../../shared/settings';
import type { LoadedSettings } from './load-settings';
import { demoProfile, toProfileView } from './profile';

export { loadSettingsFile, type LoadedSettings, type LoadSettingsDeps } from './load-settings';
export { PROFILE_KEYS, type ProfileKey } from './profile-keys';
export {
  DEMO_PROFILE_NAME,
  defaultSubscribeTopic,
  demoProfile,
  toProfileView,
  type Profile,
} from './profile';
export {
  APP_NAME,
  defaultUserDataDir,
  locateSettings,
  resolveSettingsPath,
  seedUserSettings,
  settingsFlag,
  settingsFileIn,
  type LocatedSettings,
  type SeedResult,
  type SettingsPathOptions,
  type SettingsSource,
} from './settings-path';
export { findKeyLines, nearestKeyPath } from './yaml-locations';

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

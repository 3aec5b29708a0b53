export { loadSettingsFile, type LoadedSettings, type LoadSettingsDeps } from './load-settings';
export { PROFILE_KEYS, type ProfileKey } from '../../../shared/profile-rules/profile-keys';
export {
  DEMO_PROFILE_NAME,
  defaultSubscribeTopic,
  loopbackProfile,
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

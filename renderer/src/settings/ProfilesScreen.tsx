import { useSettings } from '../store/hooks';
import { ProfilesPanel } from './ProfilesPanel';

export function ProfilesScreen() {
  return <ProfilesPanel state={useSettings()} />;
}

/** On the Profiles tab: how many settings errors there are, so they are seen from any screen. */
export function SettingsErrorsBadge() {
  const errors = useSettings().view?.problems.filter((p) => p.severity === 'error').length ?? 0;
  if (errors === 0) return null;
  return (
    <span className="tab-badge" aria-label={`${errors} settings errors`}>
      {errors}
    </span>
  );
}

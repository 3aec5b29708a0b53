import type { ReactNode } from 'react';
import type { ProfileView, SettingsProblem } from '../../../shared/settings';
import type { SettingsState } from '../store/hooks';

/** Selecting a row for the toolbar's actions (the profile form's list). */
export interface ProfileListControls {
  selected: string | null;
  onSelect: (name: string) => void;
  /** A double click: edit. */
  onOpen: (name: string) => void;
  toolbar: ReactNode;
  /** Profiles in the file that did not load (their errors are listed above). */
  broken: string[];
}

export function ProfilesPanel({ state, controls }: { state: SettingsState; controls?: ProfileListControls }) {
  const { view, error, reloading, reload } = state;
  return (
    <section className="panel" aria-labelledby="profiles-title">
      <div className="panel-head">
        <h2 id="profiles-title">Connection profiles</h2>
        <span className="muted settings-file" title="Settings file">
          {view ? (view.file ?? 'No settings file found: only the demo profile is available.') : 'Loading…'}
        </span>
        <button type="button" onClick={reload} disabled={reloading}>
          {reloading ? 'Reloading…' : 'Reload settings'}
        </button>
      </div>
      {error && (
        <p className="problem error" role="alert">
          {error.message}
        </p>
      )}
      {view && <ProblemList problems={view.problems} />}
      {controls?.toolbar}
      {view && <ProfileTable profiles={view.profiles} controls={controls} />}
    </section>
  );
}

function ProblemList({ problems }: { problems: SettingsProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label="Settings problems">
      {problems.map((p, i) => (
        <li key={i} className={`problem ${p.severity}`}>
          <span className="badge">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
          <span className="where">
            {p.file}
            {p.line !== null && `:${p.line}`}
            {p.key && (
              <>
                {' — '}
                <code>{p.key}</code>
              </>
            )}
          </span>
          <span className="what">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}

function ProfileTable({
  profiles,
  controls,
}: {
  profiles: ProfileView[];
  controls?: ProfileListControls | undefined;
}) {
  const rowProps = (name: string) =>
    controls
      ? {
          'aria-selected': controls.selected === name,
          tabIndex: 0,
          onClick: () => controls.onSelect(name),
          onDoubleClick: () => controls.onOpen(name),
          onKeyDown: (e: { key: string }) => {
            if (e.key === 'Enter') controls.onOpen(name);
            if (e.key === ' ') controls.onSelect(name);
          },
        }
      : {};
  return (
    <table className={controls ? 'profiles selectable' : 'profiles'} aria-label="Connection profiles">
      <thead>
        <tr>
          <th>Profile</th>
          <th>Broker</th>
          <th>TLS</th>
          <th>MQTT</th>
          <th>User</th>
          <th>Password</th>
          <th>Gateway id</th>
        </tr>
      </thead>
      <tbody>
        {profiles.map((p) => (
          <tr key={p.name} data-profile={p.name} {...rowProps(p.name)}>
            <td>
              {p.name} {p.demo && <span className="badge demo">Demo</span>}
            </td>
            <td>
              {p.demo ? 'in-process broker (loopback)' : `${p.host}:${p.port}`}
              {p.transport === 'websockets' && <span className="muted"> (WebSockets{p.wsPath ?? ''})</span>}
            </td>
            <td>
              {p.tls ? p.tlsInsecure ? <span className="warn">on, NOT verified</span> : 'on' : 'off'}
              {p.tls && p.caFile && (
                <div className="muted ca-file" data-ca-file="">
                  CA <code>{p.caFile}</code>
                </div>
              )}
            </td>
            <td>{mqttVersionLabel(p.protocolVersion)}</td>
            <td>{p.username ?? <span className="muted">none</span>}</td>
            <td>{p.hasPassword ? 'set' : <span className="muted">not set</span>}</td>
            <td>{p.gatewayId ?? <span className="muted">none</span>}</td>
          </tr>
        ))}
        {controls?.broken.map((name) => (
          <tr key={`broken-${name}`} data-broken-profile={name} className="broken" {...rowProps(name)}>
            <td>{name}</td>
            <td colSpan={6} className="error-text">
              Not loaded: see the errors above. Edit it to fix them.
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The names MQTT's own specifications use: 3.1.1 (protocol level 4) and 5.0. */
export function mqttVersionLabel(version: 4 | 5): string {
  return version === 5 ? '5.0' : '3.1.1';
}

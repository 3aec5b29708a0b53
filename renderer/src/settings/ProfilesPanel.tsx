import type { ProfileView, SettingsProblem } from '../../../shared/settings';
import type { SettingsState } from '../store/hooks';

export function ProfilesPanel({ state }: { state: SettingsState }) {
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
      {view && <ProfileTable profiles={view.profiles} />}
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

function ProfileTable({ profiles }: { profiles: ProfileView[] }) {
  return (
    <table className="profiles">
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
          <tr key={p.name} data-profile={p.name}>
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
      </tbody>
    </table>
  );
}

/** The names MQTT's own specifications use: 3.1.1 (protocol level 4) and 5.0. */
export function mqttVersionLabel(version: 4 | 5): string {
  return version === 5 ? '5.0' : '3.1.1';
}

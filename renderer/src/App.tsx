import { useEffect, useState } from 'react';
import type { GatewayApi } from '../../shared/ipc/api';
import type { AppInfo } from '../../shared/ipc/contract';
import { ProfilesPanel } from './settings/ProfilesPanel';
import { useSettings } from './settings/useSettings';

export function App({ api }: { api: GatewayApi }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const settings = useSettings(api);

  useEffect(() => {
    void api.app.info().then((result) => result.ok && setInfo(result.value));
  }, [api]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Gateway Diagnostics</h1>
        {info && <span className="muted">v{info.version}</span>}
      </header>
      <main className="app-main">
        <ProfilesPanel state={settings} />
      </main>
    </div>
  );
}

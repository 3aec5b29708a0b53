import { useEffect, useState, type ReactNode } from 'react';
import type { GatewayApi } from '../../shared/ipc/api';
import type { AppInfo } from '../../shared/ipc/contract';
import type { BridgeErrorInfo } from '../../shared/ipc/result';
import { BridgeBanner } from './bridge/BridgeBanner';
import { isLinkRestored } from './bridge/link';
import { useBridgeLink } from './bridge/useBridgeLink';
import { CommissioningScreen } from './commissioning/CommissioningScreen';
import { InspectorScreen } from './inspector/InspectorScreen';
import { LiveScreen } from './live/LiveScreen';
import { MessagesScreen } from './messages/MessagesScreen';
import { ProfilesPanel } from './settings/ProfilesPanel';
import { useSettings } from './settings/useSettings';
import { ThemeToggle } from './theme/ThemeToggle';
import { useTheme } from './theme/useTheme';

type Tab = 'live' | 'messages' | 'inspector' | 'commissioning' | 'profiles';

export function App({ api }: { api: GatewayApi }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<BridgeErrorInfo | null>(null);
  const [tab, setTab] = useState<Tab>('live');
  const [theme, setTheme] = useTheme();
  const settings = useSettings(api);
  const link = useBridgeLink(api);

  useEffect(() => {
    let live = true;
    const read = () =>
      void api.app.info().then((result) => {
        if (!live) return;
        setInfo(result.ok ? result.value : null);
        setInfoError(result.ok ? null : result.error);
      });
    read();
    const unsubscribe = api.events.subscribe((batch) => isLinkRestored(batch) && read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  const errors = settings.view?.problems.filter((p) => p.severity === 'error').length ?? 0;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Gateway Diagnostics</h1>
        {info && <span className="muted">v{info.version}</span>}
        {infoError && (
          <span className="header-error" role="alert">
            Could not read the app version: {infoError.message}
          </span>
        )}
        <nav className="tabs" role="tablist" aria-label="Screens">
          <TabButton id="live" current={tab} onSelect={setTab}>
            Live gateway
          </TabButton>
          <TabButton id="messages" current={tab} onSelect={setTab}>
            Messages
          </TabButton>
          <TabButton id="inspector" current={tab} onSelect={setTab}>
            Telegram inspector
          </TabButton>
          <TabButton id="commissioning" current={tab} onSelect={setTab}>
            Commissioning
          </TabButton>
          <TabButton id="profiles" current={tab} onSelect={setTab}>
            Profiles
            {errors > 0 && (
              <span className="tab-badge" aria-label={`${errors} settings errors`}>
                {errors}
              </span>
            )}
          </TabButton>
        </nav>
        <ThemeToggle choice={theme} onChange={setTheme} />
      </header>
      {/* All screens stay mounted: histories must survive a look at another screen. */}
      <main className="app-main">
        <TabPanel id="live" current={tab}>
          <LiveScreen api={api} profiles={settings.view?.profiles ?? null} profilesError={settings.error} />
        </TabPanel>
        <TabPanel id="messages" current={tab}>
          <MessagesScreen api={api} profiles={settings.view?.profiles ?? null} />
        </TabPanel>
        <TabPanel id="inspector" current={tab}>
          <InspectorScreen api={api} />
        </TabPanel>
        <TabPanel id="commissioning" current={tab}>
          <CommissioningScreen api={api} />
        </TabPanel>
        <TabPanel id="profiles" current={tab}>
          <ProfilesPanel state={settings} />
        </TabPanel>
      </main>
      <BridgeBanner link={link} />
    </div>
  );
}

/** Always mounted, hidden when not selected: each screen keeps its state. */
function TabPanel({ id, current, children }: { id: Tab; current: Tab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={id !== current}>
      {children}
    </div>
  );
}

function TabButton(props: { id: Tab; current: Tab; onSelect(tab: Tab): void; children: ReactNode }) {
  const { id, current, onSelect, children } = props;
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-controls={`panel-${id}`}
      aria-selected={id === current}
      className="tab"
      onClick={() => onSelect(id)}
    >
      {children}
    </button>
  );
}

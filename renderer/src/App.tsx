import { useMemo, useState, type ReactNode } from 'react';
import type { GatewayApi } from '../../shared/ipc/api';
import { BridgeBanner } from './bridge/BridgeBanner';
import { usePlainKeys } from './common/shortcuts';
import { SCREENS, type ScreenEntry } from './screens';
import { createGatewayStore } from './store/gateway-store';
import { GatewayStoreProvider, useAppInfo } from './store/hooks';
import { ThemeToggle } from './theme/ThemeToggle';
import { useTheme } from './theme/useTheme';

/** The whole app over one API object: one gateway store for every screen. */
export function App({ api }: { api: GatewayApi }) {
  const [store] = useState(() => createGatewayStore(api));
  return (
    <GatewayStoreProvider store={store}>
      <Shell />
    </GatewayStoreProvider>
  );
}

function Shell() {
  const [tab, setTab] = useState(SCREENS[0]!.id);
  const [theme, setTheme] = useTheme();
  const { value: info, error: infoError } = useAppInfo();
  const shortcuts = useMemo(
    () => Object.fromEntries(SCREENS.map((screen) => [screen.shortcut, () => setTab(screen.id)])),
    [],
  );
  usePlainKeys(shortcuts);

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
          {SCREENS.map((screen) => (
            <TabButton key={screen.id} screen={screen} selected={screen.id === tab} onSelect={setTab} />
          ))}
        </nav>
        <ThemeToggle choice={theme} onChange={setTheme} />
      </header>
      {/* All screens stay mounted: histories must survive a look at another screen. */}
      <main className="app-main">
        {SCREENS.map(({ id, component: Screen }) => (
          <TabPanel key={id} id={id} selected={id === tab}>
            <Screen />
          </TabPanel>
        ))}
      </main>
      <BridgeBanner />
    </div>
  );
}

/** Always mounted, hidden when not selected: each screen keeps its state. */
function TabPanel({ id, selected, children }: { id: string; selected: boolean; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={!selected}>
      {children}
    </div>
  );
}

function TabButton(props: { screen: ScreenEntry; selected: boolean; onSelect(id: string): void }) {
  const { screen, selected, onSelect } = props;
  const Badge = screen.badge;
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${screen.id}`}
      aria-controls={`panel-${screen.id}`}
      aria-selected={selected}
      aria-keyshortcuts={screen.shortcut}
      title={`${screen.title} (key ${screen.shortcut})`}
      className="tab"
      onClick={() => onSelect(screen.id)}
    >
      {screen.title}
      {Badge && <Badge />}
    </button>
  );
}

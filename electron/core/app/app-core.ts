import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { SettingsView } from '../../../shared/settings';
import { EventHub } from '../bridge/event-hub';
import { createRouter, type Router } from '../bridge/router';
import { MeterStore, type SecretBox } from '../gateway';
import type { Logger } from '../logger';
import { loadSettingsFile, type LoadedSettings } from '../settings';
import { ProfileStore } from '../settings/editor/profile-store';
import { watchSettingsFile } from '../settings/watch';
import { toBridgeError } from './bridge-errors';
import { GatewayService } from './gateway-service';
import { ProfileEditor, type PickFile } from './profile-editor';
import { requestHandlers } from './request-handlers';
import { toSettingsView } from './settings-view';

export type SettingsSource = AppInfo['settingsSource'];

export interface AppCoreOptions {
  name: string;
  version: string;
  settingsPath: string | null;
  settingsSource: SettingsSource;
  /** Decides who may call the router (Electron: the app:// frame; web bridge: checked at upgrade). */
  isTrustedOrigin: (origin: string | null) => boolean;
  logger: Logger;
  /** Where monitored meters and outboxes persist; null keeps them in memory (tests). */
  userDataDir: string | null;
  /** Encryption at rest for meter keys (Electron: the OS keychain via safeStorage). */
  secretBox?: SecretBox;
  /** Telegram interval of the demo's simulated meters. */
  demoIntervalMs?: number;
  /**
   * Reload the settings file whenever it changes on disk (the app and the web bridge turn it on).
   * A running gateway keeps the profile it started with; only the next start uses the new file.
   */
  watchSettings?: boolean;
  /** Quiet time after the last change before the file is read (default 200 ms). */
  watchDebounceMs?: number;
  now?: () => Date;
  /** The OS file dialog for the profile form's certificate fields (Electron); absent: paths are typed. */
  pickFile?: PickFile;
  /** Connection tests from the profile form give up after this long (default 10 s, as `cli connect`). */
  connectionTestTimeoutMs?: number;
}

export interface AppCore {
  router: Router;
  events: EventHub;
  gateway: GatewayService;
  settings(): LoadedSettings | null;
  reloadSettings(): SettingsView;
  dispose(): Promise<void>;
}

/** The composition root shared by the Electron main process and the web bridge. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? (() => new Date());
  const events = new EventHub();
  const read = (): LoadedSettings | null =>
    options.settingsPath ? loadSettingsFile(options.settingsPath) : null;
  let loaded = read();

  const view = (): SettingsView => toSettingsView(loaded, now());
  const reloadSettings = (): SettingsView => {
    loaded = read();
    const current = view();
    for (const p of current.problems) {
      options.logger[p.severity === 'error' ? 'error' : 'warn'](
        `${p.file}${p.line ? `:${p.line}` : ''}${p.key ? ` ${p.key}` : ''}: ${p.message}`,
      );
    }
    events.publish('settings.changed', current);
    return current;
  };

  const meters = new MeterStore({
    file: options.userDataDir ? path.join(options.userDataDir, 'meters.json') : null,
    ...(options.secretBox ? { box: options.secretBox } : {}),
  });
  for (const problem of meters.loadProblems) options.logger.warn(problem);
  const gateway = new GatewayService({
    settings: () => loaded,
    meters,
    userDataDir: options.userDataDir,
    events,
    logger: options.logger,
    ...(options.demoIntervalMs ? { demoIntervalMs: options.demoIntervalMs } : {}),
    app: `${options.name} ${options.version}`,
  });

  const settingsPath = options.settingsPath;
  const watch =
    options.watchSettings && settingsPath
      ? watchSettingsFile({
          file: settingsPath,
          ...(options.watchDebounceMs ? { debounceMs: options.watchDebounceMs } : {}),
          logger: options.logger,
          onChange: () => {
            options.logger.info(`settings file ${settingsPath} changed on disk; reloading`);
            reloadSettings();
          },
        })
      : null;

  const profiles = new ProfileEditor({
    store: new ProfileStore({ file: options.settingsPath }),
    settings: () => loaded,
    reloadSettings: () => void reloadSettings(),
    logger: options.logger,
    ...(options.pickFile ? { pickFile: options.pickFile } : {}),
    ...(options.connectionTestTimeoutMs ? { timeoutMs: options.connectionTestTimeoutMs } : {}),
  });

  const router = createRouter({
    isTrustedOrigin: options.isTrustedOrigin,
    onInternalError: (method, error) => options.logger.error(`${method} failed: ${String(error)}`),
    translateError: toBridgeError,
    handlers: requestHandlers({
      info: () => ({
        name: options.name,
        version: options.version,
        settingsSource: options.settingsSource,
        filePicker: options.pickFile !== undefined,
      }),
      settings: view,
      reloadSettings,
      gateway,
      profiles,
    }),
  });

  return {
    router,
    events,
    gateway,
    settings: () => loaded,
    reloadSettings,
    dispose: async () => {
      watch?.close();
      await gateway.dispose();
      events.dispose();
    },
  };
}

/** Reads name and version from package.json so the CLI, web bridge and window agree. */
export function readPackageInfo(packageJsonPath: string): { name: string; version: string } {
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as {
    productName?: string;
    name: string;
    version: string;
  };
  return { name: pkg.productName ?? pkg.name, version: pkg.version };
}

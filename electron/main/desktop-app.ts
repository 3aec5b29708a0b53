// The desktop app: window, app:// protocol, IPC. Started by index.ts when the app is not run as
// the command line. Thin on purpose: everything it wires is a plain Node module tested without
// Electron.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/ipc/names';
import { createAppCore } from '../core/app/app-core';
import type { SecretBox } from '../core/gateway';
import { contentSecurityPolicy } from '../core/bridge/csp';
import { createStreamLogger, type Logger } from '../core/logger';
import { locateSettings, settingsFlag } from '../core/settings';
import { appMenuTemplate } from './app-menu';
import { appResponseHeaders, resolveAppRequest } from './app-protocol';
import { fileDialogOptions } from './file-dialog';
import { ipcRequestHandler } from './ipc-handler';
import { APP_SCHEME, APP_URL, isAllowedNavigation, isTrustedOriginIn, trustedOrigins } from './origin';
import { exampleSettingsFile, settingsFolder } from './settings-folder';
import { claimSingleInstance } from './single-instance';
import { createMainWindow } from './window-options';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const development = !app.isPackaged;
const origins = trustedOrigins(devServerUrl);
const csp = contentSecurityPolicy();
/** The one window, once created: a second launch brings it to the front. */
let mainWindow: BrowserWindow | null = null;

function settingsLocation(logger: Logger) {
  const located = locateSettings({
    explicit: settingsFlag(process.argv),
    userDataDir: app.getPath('userData'),
    cwd: process.cwd(),
    exists: fs.existsSync,
    seedFrom: exampleSettingsFile({
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
  });
  if (located.seed?.seeded) logger.info(`Created ${located.seed.path} from the example settings.`);
  if (located.seed?.error) logger.warn(`Could not create ${located.seed.path}: ${located.seed.error}`);
  return located;
}

/** Meter keys at rest, sealed by the OS keychain (DPAPI, Keychain, libsecret) through safeStorage. */
function keychainBox(): SecretBox {
  return {
    protection: 'os-keychain',
    seal: (plain) => safeStorage.encryptString(plain.toString('hex')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'hex'),
  };
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Shows the settings folder in the OS file manager, creating the user-data one if needed. */
async function openSettingsFolder(settingsPath: string | null, logger: Logger): Promise<void> {
  const folder = settingsFolder(settingsPath, app.getPath('userData'));
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    logger.warn(`Could not create the settings folder ${folder}: ${String(error)}`);
  }
  const problem = await shell.openPath(folder);
  if (problem) {
    logger.warn(`Could not open the settings folder ${folder}: ${problem}`);
    dialog.showErrorBox('Open Settings Folder', `Could not open ${folder}: ${problem}`);
  }
}

function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(request.url, rendererRoot);
    if ('status' in target) return new Response(null, { status: target.status });
    const response = await net.fetch(pathToFileURL(target.file).toString());
    if (!response.ok) return new Response(null, { status: 404 });
    return new Response(response.body, { headers: appResponseHeaders(target.contentType, csp) });
  });
}

/** `mainDir`: the folder of the built main entry (out/main), beside out/renderer and out/preload. */
async function main(mainDir: string): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveAppProtocol(path.join(mainDir, '../renderer'));

  const logger = createStreamLogger((line) => process.stderr.write(line), development ? 'debug' : 'info');
  const location = settingsLocation(logger);
  const pkg = { name: app.getName(), version: app.getVersion() };
  const core = createAppCore({
    ...pkg,
    settingsPath: location.path,
    settingsSource: location.source,
    isTrustedOrigin: isTrustedOriginIn(origins),
    logger,
    userDataDir: app.getPath('userData'),
    // An edit saved in the settings folder shows up without a restart (a running gateway keeps its profile).
    watchSettings: true,
    ...(safeStorage.isEncryptionAvailable() ? { secretBox: keychainBox() } : {}),
    // The profile form's certificate fields: the OS open dialog, attached to the window.
    pickFile: async (purpose) => {
      const options = fileDialogOptions(purpose, location.path ? path.dirname(location.path) : null);
      const picked = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
  });
  ipcMain.handle(IPC_REQUEST_CHANNEL, ipcRequestHandler(core.router));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        packaged: app.isPackaged,
        openSettingsFolder: () => void openSettingsFolder(location.path, logger),
        reloadSettings: () => void core.reloadSettings(),
      }),
    ),
  );

  const window = createMainWindow(BrowserWindow, {
    preloadPath: path.join(mainDir, '../preload/index.cjs'),
    development,
  });
  const unsubscribe = core.events.subscribe((batch) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, batch);
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', unsubscribe);
  await window.loadURL(devServerUrl ?? APP_URL);

  app.on('window-all-closed', () => {
    // Stop the gateway cleanly (the outbox keeps what was not sent) before quitting.
    void core.dispose().finally(() => app.quit());
  });
}

/**
 * Registers the app:// scheme (which must happen before `ready`, so the caller loads this module
 * before its own module settles) and opens the window once Electron is ready.
 */
export function startDesktopApp(mainDir: string): void {
  if (!claimSingleInstance(app, () => mainWindow)) return;
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  main(mainDir).catch((error: unknown) => {
    process.stderr.write(`Gateway Diagnostics failed to start: ${String(error)}\n`);
    app.exit(1);
  });
}

import type { MenuItemConstructorOptions } from 'electron';

export const OPEN_SETTINGS_FOLDER_ID = 'open-settings-folder';
export const RELOAD_SETTINGS_ID = 'reload-settings';

export interface AppMenuInput {
  platform: NodeJS.Platform;
  /** Packaged builds get no DevTools and no page reload: nothing a technician could break the UI with. */
  packaged: boolean;
  openSettingsFolder: () => void;
  reloadSettings: () => void;
}

/**
 * The application menu as a template: File / Edit / View / Help, plus the app menu on macOS.
 * Only local actions and Electron roles; nothing here loads remote content.
 */
export function appMenuTemplate(input: AppMenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        id: OPEN_SETTINGS_FOLDER_ID,
        label: 'Open Settings Folder',
        click: () => input.openSettingsFolder(),
      },
      {
        id: RELOAD_SETTINGS_ID,
        label: 'Reload Settings',
        accelerator: 'CmdOrCtrl+Shift+L',
        click: () => input.reloadSettings(),
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const development: MenuItemConstructorOptions[] = input.packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', role: 'help', submenu: [{ role: 'about' }] };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

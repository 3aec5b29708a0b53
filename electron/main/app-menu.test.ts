import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, OPEN_SETTINGS_FOLDER_ID, RELOAD_SETTINGS_ID, type AppMenuInput } from './app-menu';

const input = (overrides: Partial<AppMenuInput> = {}): AppMenuInput => ({
  platform: 'linux',
  packaged: true,
  openSettingsFolder: vi.fn(),
  reloadSettings: vi.fn(),
  ...overrides,
});

/** Every item of the menu, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}
const find = (template: MenuItemConstructorOptions[], id: string) => items(template).find((i) => i.id === id);

describe('application menu', () => {
  it('has File, Edit, View and Help, with the app menu first on macOS only', () => {
    expect(appMenuTemplate(input()).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const mac = appMenuTemplate(input({ platform: 'darwin' }));
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(mac.slice(1).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('opens the settings folder and reloads the settings from File', () => {
    const actions = input();
    const template = appMenuTemplate(actions);
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open Settings Folder',
      'Reload Settings',
      'separator',
      'quit',
    ]);
    const click = (id: string) => (find(template, id)!.click as () => void)();
    click(OPEN_SETTINGS_FOLDER_ID);
    expect(actions.openSettingsFolder).toHaveBeenCalledTimes(1);
    expect(actions.reloadSettings).not.toHaveBeenCalled();
    click(RELOAD_SETTINGS_ID);
    expect(actions.reloadSettings).toHaveBeenCalledTimes(1);
  });

  it('has no DevTools and no page reload in packaged builds, and has them in development', () => {
    const roles = (packaged: boolean) =>
      items(appMenuTemplate(input({ packaged }))).map((i) => String(i.role ?? '').toLowerCase());
    for (const role of ['toggledevtools', 'reload', 'forcereload']) {
      expect(roles(true)).not.toContain(role);
      expect(roles(false)).toContain(role);
    }
  });

  it('only uses local actions and roles: no item opens a URL', () => {
    for (const packaged of [true, false]) {
      for (const item of items(appMenuTemplate(input({ packaged, platform: 'darwin' })))) {
        expect(JSON.stringify(item)).not.toMatch(/https?:|openExternal|loadURL/);
        if (item.click) expect([OPEN_SETTINGS_FOLDER_ID, RELOAD_SETTINGS_ID]).toContain(item.id);
      }
    }
  });
});

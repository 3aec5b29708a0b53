export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'gd.theme';

export function parseThemeChoice(stored: string | null): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

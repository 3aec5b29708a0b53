import { useEffect, useState } from 'react';
import { readStored, writeStored } from '../common/stored';
import { parseThemeChoice, THEME_KEY, type ThemeChoice } from './theme';

/**
 * The header's theme choice. "system" follows prefers-color-scheme; light or dark overrides it via
 * `data-theme` on <html> (styles.css), and is remembered across launches.
 */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => parseThemeChoice(readStored(THEME_KEY)));
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = choice;
    writeStored(THEME_KEY, choice === 'system' ? null : choice);
  }, [choice]);
  return [choice, setChoice];
}

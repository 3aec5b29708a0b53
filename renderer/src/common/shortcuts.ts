// Keyboard shortcuts used across screens. Each listens on the window and ignores what it must not
// take over: typing in a field, a hidden screen, a key held down.
import { useEffect, type RefObject } from 'react';
import { useLatest } from './useLatest';

/** True while the key goes into a text field, a select or an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl+Enter (⌘+Enter on a Mac) anywhere on the page runs `action` — except inside a form, where
 * people press it out of habit to submit (stopping the gateway then would be a nasty surprise).
 */
export function useCtrlEnter(action: () => void, enabled: boolean): void {
  const latest = useLatest(action);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.repeat) return;
      if (event.target instanceof Element && event.target.closest('form')) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, latest]);
}

/** Ctrl+F (⌘+F) or "/" focuses the search box — only while this screen is visible. */
export function useFindShortcut(box: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const input = box.current;
      // offsetParent is null when an ancestor is hidden (another tab is shown).
      if (!input || input.offsetParent === null) return;
      const find = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !isTyping(event.target);
      if (!find && !slash) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [box]);
}

/**
 * A plain key (no Ctrl, Alt or ⌘) pressed outside a text field picks `keys[key]`. Plain keys,
 * because browsers keep Ctrl/Alt + digit for their own tabs and never pass them to the page.
 */
export function usePlainKeys(keys: Readonly<Record<string, () => void>>): void {
  const latest = useLatest(keys);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || isTyping(event.target)) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);
}

import { useEffect, useRef } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on a Mac) anywhere on the page runs `action` — except inside a form, where
 * people press it out of habit to submit (stopping the gateway then would be a nasty surprise).
 */
export function useCtrlEnter(action: () => void, enabled: boolean): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  }, [action]);
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
  }, [enabled]);
}

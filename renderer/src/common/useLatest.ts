import { useEffect, useRef, type RefObject } from 'react';

/** A ref that always holds the latest `value`: a listener added once still calls today's callback. */
export function useLatest<T>(value: T): RefObject<T> {
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  return latest;
}

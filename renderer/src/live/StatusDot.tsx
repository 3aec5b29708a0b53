import type { Tone } from './labels';

/** A coloured dot; the words next to it carry the meaning, so it is hidden from screen readers. */
export function StatusDot({ tone }: { tone: Tone }) {
  return <span className={`dot ${tone}`} aria-hidden="true" />;
}

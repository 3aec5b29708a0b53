import type { Tone } from './tone';

/** A coloured dot; the words next to it carry the meaning, so it is hidden from screen readers. */
export function StatusDot({ tone }: { tone: Tone }) {
  return <span className={`dot ${tone}`} aria-hidden="true" />;
}

export function ErrorLine({ error }: { error: { code?: string; message: string } | null }) {
  if (!error) return null;
  return (
    <p className="problem error" role="alert">
      {error.message}
    </p>
  );
}

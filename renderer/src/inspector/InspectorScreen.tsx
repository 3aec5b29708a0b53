import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ExplainedTelegramView } from '../../../shared/gateway';
import { useGatewayApi } from '../store/hooks';
import { FrameSection } from './FrameSection';
import { frameSpans, normaliseKey, parseHexBytes } from './inspect-format';
import { SAMPLES } from './samples';
import './inspector.css';

interface Explained {
  frames: ExplainedTelegramView[];
  bytes: number[] | null;
}

/**
 * Paste any telegram form and see it byte by byte. The key field is uncontrolled on purpose: the
 * secret lives only in the input element, never in React state, the DOM attributes or storage.
 */
export function InspectorScreen() {
  const api = useGatewayApi();
  const [hex, setHex] = useState('');
  const [result, setResult] = useState<Explained | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const latest = useRef(0);

  const explain = async (text: string) => {
    const key = normaliseKey(keyInput.current?.value ?? '');
    if ('error' in key) {
      setKeyError(key.error);
      return;
    }
    setKeyError(null);
    const call = ++latest.current;
    setBusy(true);
    const answer = await api.telegram
      .explain(key.key ? { hex: text, key: key.key } : { hex: text })
      .catch((e: unknown) => ({
        ok: false as const,
        error: { code: 'DISCONNECTED' as const, message: String(e) },
      }));
    if (call !== latest.current) return;
    setBusy(false);
    if (answer.ok) {
      setError(null);
      setResult({ frames: answer.value, bytes: parseHexBytes(text) });
    } else {
      setResult(null);
      setError(`${answer.error.message} (${answer.error.code})`);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void explain(hex);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void explain(hex);
    }
  };
  const paste = (sample: string) => {
    setHex(sample);
    void explain(sample);
  };

  const spans = result
    ? frameSpans(
        result.frames.map((f) => f.offset),
        result.bytes?.length ?? 0,
      )
    : [];
  return (
    <div className="inspector">
      <form className="panel inspector-form" aria-label="Explain a telegram" onSubmit={onSubmit}>
        <label className="field" htmlFor="inspector-hex">
          Telegram hex
          <span className="muted">
            iM871A HCI frames or iU891A SLIP frames (starting with c0; several in one read are fine), the pipe
            form, or wM-Bus from the L field, with or without DLL CRCs; spaces, colons and underscores are
            ignored. Ctrl+Enter explains.
          </span>
        </label>
        <textarea
          id="inspector-hex"
          className="inspector-hex"
          rows={4}
          spellCheck={false}
          value={hex}
          onChange={(event) => setHex(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="inspector-bar">
          <label className="field" htmlFor="inspector-key">
            AES key (optional)
            <input
              id="inspector-key"
              ref={keyInput}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="32 hex digits"
              aria-invalid={keyError ? true : undefined}
              aria-describedby={keyError ? 'inspector-key-error' : undefined}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            Explain
          </button>
          {SAMPLES.map((sample) => (
            <button key={sample.label} type="button" className="quiet" onClick={() => paste(sample.hex)}>
              {sample.label}
            </button>
          ))}
        </div>
        <p className="muted">
          Keys of monitored meters are applied automatically. The key typed here is not kept.
        </p>
        {keyError && (
          <p id="inspector-key-error" className="inspector-error" role="alert">
            {keyError}
          </p>
        )}
        {error && (
          <p className="inspector-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && (
        <div className="inspector-results" aria-label="Explained frames" role="region" aria-live="polite">
          {result.frames.length === 0 && <p className="muted">No frame found in these bytes.</p>}
          {result.frames.map((frame, i) => (
            <FrameSection
              key={`${frame.offset}-${i}`}
              frame={frame}
              index={i}
              bytes={result.bytes}
              span={spans[i] ?? { offset: frame.offset, length: 0 }}
            />
          ))}
        </div>
      )}
    </div>
  );
}

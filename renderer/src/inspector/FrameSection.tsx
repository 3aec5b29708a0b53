import { useState } from 'react';
import type { ExplainedTelegramView } from '../../../shared/gateway';
import { HexDump } from './HexDump';
import { formatMeasurement, framingWords, offsetLabel, outcomeWords, type ByteRange } from './inspect-format';

const VALUE_NAMES = ['A+', 'A-', 'P+', 'P-'] as const;
const VALUE_HINTS: Record<(typeof VALUE_NAMES)[number], string> = {
  'A+': 'energy imported',
  'A-': 'energy exported',
  'P+': 'power imported',
  'P-': 'power exported',
};

/** One frame found in the paste: header with the outcome and values, field table, hex dump. */
export function FrameSection(props: {
  frame: ExplainedTelegramView;
  index: number;
  bytes: readonly number[] | null;
  span: ByteRange;
}) {
  const { frame, index, bytes, span } = props;
  const [highlight, setHighlight] = useState<ByteRange | null>(null);
  const title = `Frame ${index + 1} at byte ${frame.offset}`;
  const tone = frame.ok ? 'ok' : 'fail';
  return (
    <section className="panel frame" aria-label={title} data-outcome={frame.error?.code ?? 'ok'}>
      <header className="frame-head">
        <h3>{title}</h3>
        <span className="frame-framing">{framingWords(frame.framing)}</span>
        {frame.meter && (
          <span className="frame-meter" data-meter-id={frame.meter.id}>
            Meter <strong>{frame.meter.id}</strong> · {frame.meter.manufacturer} · {frame.meter.medium} · v
            {frame.meter.version}
          </span>
        )}
        {frame.rssiDbm !== null && <span className="muted">{frame.rssiDbm.toFixed(1)} dBm</span>}
      </header>
      <p className={`frame-outcome ${tone}`} role="status" aria-label={`Outcome of frame ${index + 1}`}>
        <strong>{outcomeWords(frame)}</strong>
        {frame.error && <span> — {frame.error.message}</span>}
      </p>
      {frame.values && (
        <dl className="frame-values">
          {VALUE_NAMES.map((name) => {
            const value = frame.values?.[name];
            return value ? (
              <div key={name} data-value={name}>
                <dt>
                  {name} <span className="muted">{VALUE_HINTS[name]}</span>
                </dt>
                <dd>{formatMeasurement(value)}</dd>
              </div>
            ) : null;
          })}
        </dl>
      )}
      {frame.fields.length > 0 && (
        <table className="field-table" aria-label={`Fields of frame ${index + 1}`}>
          <thead>
            <tr>
              <th scope="col">Offset</th>
              <th scope="col">Bytes</th>
              <th scope="col">Field</th>
              <th scope="col">Meaning</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody onMouseLeave={() => setHighlight(null)}>
            {frame.fields.map((field, i) => (
              <tr
                key={`${field.offset}-${i}`}
                tabIndex={0}
                data-field={field.name}
                data-check={field.check ? (field.check.ok ? 'ok' : 'fail') : undefined}
                className={field.check && !field.check.ok ? 'failed' : undefined}
                onMouseEnter={() => setHighlight(field)}
                onFocus={() => setHighlight(field)}
                onBlur={() => setHighlight(null)}
              >
                <td className="mono">{offsetLabel(field.offset)}</td>
                <td className="mono bytes">{field.hex}</td>
                <td>{field.name}</td>
                <td>{field.meaning}</td>
                <td className="check">
                  {field.check && (
                    <>
                      <span aria-label={field.check.ok ? 'passed' : 'failed'}>
                        {field.check.ok ? '✓' : '✗'}
                      </span>{' '}
                      {field.check.detail}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bytes && span.length > 0 && (
        <HexDump bytes={bytes} span={span} highlight={highlight} label={`Bytes of frame ${index + 1}`} />
      )}
    </section>
  );
}

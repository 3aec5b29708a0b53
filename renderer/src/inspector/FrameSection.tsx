import { useState } from 'react';
import type { ExplainedTelegramView } from '../../../shared/gateway';
import { HexDump } from './HexDump';
import { formatMeasurement, framingWords, offsetLabel, outcomeWords, type ByteRange } from './inspect-format';

/** The frame's values in its driver's order, with the driver's words; a generic meter's as they came. */
function valueRows(frame: ExplainedTelegramView): Array<{ name: string; hint: string }> {
  const values = frame.values ?? {};
  const fields = frame.driver?.fields ?? [];
  const known = new Set(fields.map((f) => f.name));
  return [
    ...fields.filter((f) => values[f.name] !== undefined).map((f) => ({ name: f.name, hint: f.label })),
    ...Object.keys(values)
      .filter((name) => !known.has(name))
      .map((name) => ({ name, hint: '' })),
  ];
}

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
        {frame.driver && (
          <span className="frame-driver" data-driver={frame.driver.name}>
            {frame.driver.label}
            {!frame.driver.published && <span className="muted"> · decoded, not published by API v2</span>}
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
          {valueRows(frame).map(({ name, hint }) => (
            <div key={name} data-value={name}>
              <dt>
                {name} {hint && <span className="muted">{hint}</span>}
              </dt>
              <dd>{formatMeasurement(frame.values![name]!)}</dd>
            </div>
          ))}
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

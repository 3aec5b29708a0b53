import { formatClock, formatDateTime } from '../common/format';
import { linkModeLabel } from '../live/labels';
import type { LinkMode } from '../../../shared/gateway';
import { formatValue, type CommissioningRecord } from './record';

const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);

/** The print-friendly record: the only part of the page that `@media print` shows. */
export function RecordView({ record }: { record: CommissioningRecord }) {
  const r = record;
  return (
    <section className="card commissioning-record" aria-labelledby="record-title">
      <h2 id="record-title">Commissioning record</h2>
      <dl className="record-facts">
        <dt>Date</dt>
        <dd>{formatDateTime(r.createdAt)}</dd>
        <dt>Profile</dt>
        <dd>{dash(r.profile)}</dd>
        <dt>Broker</dt>
        <dd>{dash(r.broker)}</dd>
        {r.tls && (
          <>
            <dt>TLS</dt>
            <dd>
              {[r.tls.protocol, r.tls.cipher].filter(Boolean).join(' · ') || '—'}
              {r.tls.peerSubject && <> · {r.tls.peerSubject}</>}
            </dd>
          </>
        )}
        <dt>Return code</dt>
        <dd>{r.returnCode ? `${dash(r.returnCode.code)} — ${r.returnCode.text}` : '—'}</dd>
        <dt>Gateway id</dt>
        <dd>{dash(r.gatewayId)}</dd>
        <dt>Link mode</dt>
        <dd>{r.linkMode ? linkModeLabel(r.linkMode as LinkMode) : '—'}</dd>
        <dt>Stick</dt>
        <dd>{r.stick ? `${r.stick.module}, firmware ${r.stick.firmware}, id ${r.stick.deviceId}` : '—'}</dd>
      </dl>
      <h3>Meters</h3>
      {r.meters.length === 0 ? (
        <p className="muted">No monitored meter.</p>
      ) : (
        <table className="record-table">
          <thead>
            <tr>
              <th>Meter</th>
              <th>Values</th>
              <th>RSSI</th>
              <th>Telegrams</th>
              <th>Last seen</th>
              <th>Key</th>
            </tr>
          </thead>
          <tbody>
            {r.meters.map((m) => (
              <tr key={m.deviceId} data-record-meter={m.deviceId}>
                <td>
                  {m.deviceId} {m.manufacturer && <span className="muted">({m.manufacturer})</span>}
                </td>
                <td>
                  {Object.entries(m.values).map(([name, v]) => (
                    <div key={name}>
                      {name} {formatValue(v)}
                    </div>
                  ))}
                </td>
                <td>{m.rssiDbm === null ? '—' : `${m.rssiDbm.toFixed(1)} dBm`}</td>
                <td>
                  {m.counts.ok} ok · {m.counts.crc} CRC · {m.counts.wrongKey} wrong key · {m.counts.noKey} no
                  key · {m.counts.other} other
                </td>
                <td>
                  {formatClock(m.lastSeen)}
                  {m.silent && (
                    <div className="record-silent warn-text" data-silent="true">
                      Silent: {m.silent.text}
                    </div>
                  )}
                </td>
                <td>{dash(m.key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Checklist</h3>
      <table className="record-table">
        <tbody>
          {r.steps.map((s) => (
            <tr key={s.step} data-record-step={s.step}>
              <td>
                {s.step}. {s.title}
              </td>
              <td>{s.state === 'ok' ? '✓ done' : s.state === 'error' ? '✗ failed' : '… waiting'}</td>
              <td>{s.at ? formatClock(s.at) : '—'}</td>
              <td>{s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

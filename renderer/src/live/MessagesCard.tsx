import { Fragment, useState } from 'react';
import type { Notice } from './gateway-history';
import { formatClock, formatLatency } from '../common/format';
import { prettyJson } from '../common/pretty-json';
import { gatewayResultLine, publishStateLabel, publishStateTone } from './labels';
import { MAX_MESSAGE_ROWS, type MessageLog, type MessageRow } from './message-log';

export function MessagesCard({
  log,
  notices,
  awaitingEcho,
}: {
  log: MessageLog;
  notices: Notice[];
  awaitingEcho: number | null;
}) {
  const { totals } = log;
  // One message's JSON open at a time, by outbox id (rows move as new ones arrive).
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <section className="panel card messages" aria-labelledby="messages-title" data-card="messages">
      <div className="card-head">
        <h2 id="messages-title">Published messages</h2>
        <span className="muted" aria-label="Message totals">
          {totals.published} published · {totals.acknowledged} acknowledged ·{' '}
          <span className={totals.confirmed > 0 ? 'ok-text' : ''}>{totals.confirmed} confirmed by echo</span>
          {totals.failed > 0 && <span className="error-text"> · {totals.failed} failed</span>}
          {awaitingEcho !== null && awaitingEcho > 0 && ` · ${awaitingEcho} awaiting echo`}
        </span>
      </div>
      {notices.length > 0 && (
        <ul className="notices" aria-label="Commands and echo notices">
          {notices.map((n) => (
            <li key={n.seq} className={`notice ${n.tone}`}>
              <time dateTime={n.at}>{formatClock(n.at)}</time> {n.text}
            </li>
          ))}
        </ul>
      )}
      {log.rows.length === 0 ? (
        <p className="empty">
          Nothing published yet. Each decoded telegram of a monitored meter becomes API v2 data messages; each
          is confirmed here when the broker delivers it back.
        </p>
      ) : (
        <div className="message-scroll">
          <table className="message-table" aria-label="Published messages">
            <thead>
              <tr>
                <th>Time</th>
                <th>#</th>
                <th>Topic</th>
                <th>State</th>
                <th title="The original gateway's publish result">Result</th>
                <th>Broker echo</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.map((row) => (
                <MessageRowView
                  key={row.outboxId}
                  row={row}
                  open={openId === row.outboxId}
                  onToggle={() => setOpenId(openId === row.outboxId ? null : row.outboxId)}
                />
              ))}
            </tbody>
          </table>
          {log.dropped > 0 && (
            <p className="muted">
              Showing the newest {MAX_MESSAGE_ROWS}; {log.dropped} older rows were dropped (still counted
              above).
            </p>
          )}
        </div>
      )}
    </section>
  );
}

const COLUMNS = 6;

function MessageRowView({ row, open, onToggle }: { row: MessageRow; open: boolean; onToggle(): void }) {
  const confirmed = row.confirmation;
  const jsonId = `published-json-${row.outboxId}`;
  return (
    <Fragment>
      <tr data-outbox-id={row.outboxId} data-state={row.state} data-confirmed={confirmed !== null}>
        <td>
          <time dateTime={row.firstAt}>{formatClock(row.firstAt)}</time>
        </td>
        <td className="num">{row.outboxId}</td>
        <td className="topic" title={row.topic}>
          <button
            type="button"
            className="topic-toggle"
            aria-expanded={open}
            aria-controls={jsonId}
            title={open ? 'Hide the JSON' : 'Show the JSON as published'}
            onClick={onToggle}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> <code>{row.topic}</code>
          </button>
        </td>
        <td>
          <span className={`chip ${publishStateTone(row.state)}`}>{publishStateLabel(row.state)}</span>
        </td>
        <td className={row.result === 0 ? '' : 'warn-text'}>{gatewayResultLine(row.result)}</td>
        <td>
          {confirmed ? (
            <span className="ok-text">✓ confirmed in {formatLatency(confirmed.latencyMs)}</span>
          ) : row.state === 'failed' || row.state === 'rejected' ? (
            <span className="muted">none expected</span>
          ) : (
            <span className="muted">waiting…</span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="published-json-row">
          <td colSpan={COLUMNS} id={jsonId}>
            {row.payload === null ? (
              <p className="muted">
                This message was queued before this start (kept in the outbox), so its JSON is not known here.
              </p>
            ) : (
              <pre className="published-json" aria-label={`JSON published on ${row.topic}`}>
                {prettyJson(row.payload)}
              </pre>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

import type { GatewayStatus } from '../../../shared/gateway';
import type { ConnectionOutcome, SessionStatus } from '../../../shared/mqtt/types';
import { formatBytes, formatClock, secondsUntil } from '../common/format';
import type { TimelineEntry } from './gateway-history';
import { outcomeLine, sessionStateLabel, sessionStateTone } from './labels';
import { StatusDot } from './StatusDot';
import { TlsDetails } from './TlsDetails';

export function ConnectionCard({
  status,
  timeline,
  now,
}: {
  status: GatewayStatus | null;
  timeline: TimelineEntry[];
  now: number;
}) {
  const session = status?.session ?? null;
  return (
    <section className="panel card" aria-labelledby="connection-title" data-card="connection">
      <div className="card-head">
        <h2 id="connection-title">Broker connection</h2>
        {session && (
          <span className="state" data-session-state={session.state} aria-label="Session state">
            <StatusDot tone={sessionStateTone(session.state)} />
            {sessionStateLabel(session.state)}
          </span>
        )}
      </div>
      {!session ? (
        <p className="empty">
          Not connected. Press <strong>Start</strong>: the connection's result appears here with the broker's
          return code in words.
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>Broker</dt>
            <dd>
              <code>{status?.broker ?? session.outcome?.endpoint ?? '—'}</code>
              {status?.demo && <span className="muted"> (built-in demo broker)</span>}
            </dd>
            {session.outcome && (
              <>
                <dt>Client id</dt>
                <dd>
                  <code>{session.outcome.clientId}</code> ·{' '}
                  {session.outcome.protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1'}
                </dd>
              </>
            )}
            <dt>Outbox</dt>
            <dd data-outbox-count={session.outbox.count}>
              <OutboxLine session={session} />
            </dd>
          </dl>
          {session.outcome && <OutcomeBox outcome={session.outcome} />}
          <RetryLine session={session} now={now} />
          {session.outcome?.tls && <TlsDetails tls={session.outcome.tls} now={now} />}
        </>
      )}
      <Timeline entries={timeline} />
    </section>
  );
}

export function OutcomeBox({ outcome }: { outcome: ConnectionOutcome }) {
  return (
    <div className={`outcome ${outcome.ok ? 'ok' : 'error'}`} aria-label="Connection outcome" role="status">
      <p className="outcome-line">{outcomeLine(outcome)}</p>
      {outcome.hint && <p className="hint">{outcome.hint}</p>}
      {outcome.error && outcome.code !== null && (
        <p className="muted">
          {outcome.error.code}: {outcome.error.message}
        </p>
      )}
    </div>
  );
}

function OutboxLine({ session }: { session: SessionStatus }) {
  const { count, bytes, maxMessages, file } = session.outbox;
  const where = file ? 'kept on disk' : 'in memory only';
  if (count === 0) return <span>empty ({where})</span>;
  return (
    <span title={file ?? undefined}>
      <strong>{count}</strong> message{count === 1 ? '' : 's'} waiting ({formatBytes(bytes)}, at most{' '}
      {maxMessages}, {where})
    </span>
  );
}

function RetryLine({ session, now }: { session: SessionStatus; now: number }) {
  if (session.state !== 'reconnecting' && session.attempt <= 1) return null;
  const wait = secondsUntil(session.retryAt, now);
  return (
    <p className="muted retry">
      Attempt {session.attempt}
      {wait !== null && session.state === 'reconnecting' && ` · next try in ${wait} s`}
      {session.outcome && !session.outcome.retryable && ' · will not retry on its own'}
    </p>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <details className="timeline" open>
      <summary>Recent state changes</summary>
      <ol aria-label="Connection timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <time dateTime={entry.at}>{formatClock(entry.at)}</time>
            <StatusDot tone={sessionStateTone(entry.state)} />
            <span>{sessionStateLabel(entry.state)}</span>
            {entry.detail && <span className="muted">{entry.detail}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

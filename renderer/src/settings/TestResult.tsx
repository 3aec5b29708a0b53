import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import { useNow } from '../common/useNow';
import { OutcomeBox } from '../live/ConnectionCard';
import { TlsDetails } from '../live/TlsDetails';

/** A connection test's outcome, drawn as the Live screen draws a connection's. */
export function TestResult({
  outcome,
  title = 'Connection test',
}: {
  outcome: ConnectionOutcome;
  title?: string;
}) {
  const now = useNow();
  return (
    <section className="test-result" aria-label={title} data-test-ok={outcome.ok}>
      <h3>
        {title}{' '}
        <span className="muted">
          · {outcome.endpoint} · {outcome.protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1'}
        </span>
      </h3>
      <OutcomeBox outcome={outcome} />
      {outcome.tls && <TlsDetails tls={outcome.tls} now={now} />}
    </section>
  );
}

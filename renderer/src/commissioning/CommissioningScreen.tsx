import { useMemo } from 'react';
import { downloadText } from '../common/download';
import { formatClock } from '../common/format';
import { useNow } from '../common/useNow';
import { useFeed, useGatewayStatus } from '../store/hooks';
import { checklist, type StepState } from './checklist';
import { commissioningFacts } from './facts-feed';
import './commissioning.css';
import { buildRecord, recordFileName, recordJson } from './record';
import { RecordView } from './RecordView';

const MARK: Record<StepState, string> = { ok: '✓', error: '✗', pending: '…' };
const STATE_WORDS: Record<StepState, string> = { ok: 'done', error: 'failed', pending: 'waiting' };

/** Six checks from stick to broker echo, and the record the installer takes home. */
export function CommissioningScreen() {
  const facts = useFeed(commissioningFacts);
  const loadError = useGatewayStatus().error;
  const now = useNow();
  const steps = useMemo(() => checklist(facts, now), [facts, now]);
  const record = useMemo(
    () => buildRecord(facts.status, steps, new Date(now).toISOString()),
    [facts.status, steps, now],
  );
  const done = steps.filter((s) => s.state === 'ok').length;

  return (
    <div className="commissioning">
      <section className="card no-print" aria-labelledby="commissioning-title">
        <header className="commissioning-head">
          <h2 id="commissioning-title">Commissioning checklist</h2>
          <span className="muted" data-steps-done={done}>
            {done} of {steps.length} done
          </span>
        </header>
        {loadError && <p className="error-text">Could not read the gateway status: {loadError.message}</p>}
        <ol className="checklist">
          {steps.map((step, i) => (
            <li key={step.id} className="check" data-step={step.id} data-state={step.state}>
              <span className="check-mark" aria-hidden="true">
                {MARK[step.state]}
              </span>
              <div className="check-body">
                <div className="check-title">
                  <strong>
                    {i + 1}. {step.title}
                  </strong>
                  <span className="check-state-words"> — {STATE_WORDS[step.state]}</span>
                  {step.at && <span className="muted check-time">since {formatClock(step.at)}</span>}
                </div>
                <p className="check-reason">{step.reason}</p>
              </div>
            </li>
          ))}
        </ol>
        <div className="commissioning-actions">
          <button
            type="button"
            onClick={() => downloadText(recordFileName(record), recordJson(record), 'application/json')}
          >
            Export record (JSON)
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </section>
      <RecordView record={record} />
    </div>
  );
}

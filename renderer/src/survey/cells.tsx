// How each survey cell reads on screen; the exports carry the raw values.
import type { SignalVerdict, SurveyMeterView } from '../../../shared/survey';
import { formatClock, formatDuration } from '../common/format';

const VERDICT_CLASS: Record<SignalVerdict, string> = {
  good: 'ok',
  fair: 'ok',
  weak: 'warn',
  poor: 'error',
  unknown: 'muted',
};

export function VerdictChip({ verdict }: { verdict: SignalVerdict }) {
  return (
    <span className={`chip ${VERDICT_CLASS[verdict]}`} data-verdict={verdict}>
      {verdict === 'unknown' ? 'no RSSI' : verdict}
    </span>
  );
}

const ENCRYPTION_WORDS: Record<NonNullable<SurveyMeterView['encryption']>, string> = {
  none: 'none',
  'aes-ctr': 'AES-CTR (ELL)',
  'aes-cbc': 'AES-CBC (mode 5)',
  other: 'another mode',
};

const dbm = (value: number | null) => (value === null ? '—' : value.toFixed(1).replace('-', '−'));

export function keyWords(m: SurveyMeterView): { text: string; className: string } {
  if (m.keyHeld) return { text: 'held', className: 'ok-text' };
  if (m.encrypted === false) return { text: 'not needed', className: 'muted' };
  return { text: 'none', className: m.monitored ? 'warn-text' : 'muted' };
}

/** The cells of one row, in the order of SURVEY_COLUMNS. */
export function SurveyCells({
  meter: m,
  silentForMs,
}: {
  meter: SurveyMeterView;
  silentForMs: number | null;
}) {
  const key = keyWords(m);
  return (
    <>
      <td>
        <code>{m.deviceId}</code>
      </td>
      <td>{m.manufacturer}</td>
      <td>{m.medium}</td>
      <td title={`driver ${m.driver}`}>{m.driverLabel}</td>
      <td>0x{m.version.toString(16).padStart(2, '0')}</td>
      <td>{m.encryption === null ? '—' : ENCRYPTION_WORDS[m.encryption]}</td>
      <td className={key.className}>{key.text}</td>
      <td>{m.frameKinds.length ? m.frameKinds.join(' + ') : '—'}</td>
      <td className="num">{dbm(m.rssiLastDbm)}</td>
      <td className="num">{dbm(m.rssiMinDbm)}</td>
      <td className="num">{dbm(m.rssiMeanDbm)}</td>
      <td className="num">{dbm(m.rssiMaxDbm)}</td>
      <td>
        <VerdictChip verdict={m.verdict} />
      </td>
      <td className="num">
        {m.telegrams}
        {m.duplicates > 0 && <span className="muted"> (+{m.duplicates} repeated)</span>}
      </td>
      <td title={m.firstSeen}>{formatClock(m.firstSeen)}</td>
      <td title={m.lastSeen}>{formatClock(m.lastSeen)}</td>
      <td className="num" title={m.intervalS === null ? 'measured from the third telegram on' : undefined}>
        {m.intervalS === null ? '—' : formatDuration(m.intervalS * 1000)}
      </td>
      <td className={`num${m.missed > 0 ? ' warn-text' : ''}`}>{m.missed}</td>
      <td>{m.monitored ? <span className="chip ok">monitored</span> : <span className="muted">no</span>}</td>
      <td>
        {m.silent && silentForMs !== null ? (
          <span className="chip warn">silent {formatDuration(silentForMs)}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </>
  );
}

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

/** Short in the cell, in full in its tooltip. */
const ENCRYPTION_WORDS: Record<NonNullable<SurveyMeterView['encryption']>, [string, string]> = {
  none: ['none', 'not encrypted'],
  'aes-ctr': ['AES-CTR', 'AES-128-CTR in the extended link layer (EN 13757-4)'],
  'aes-cbc': ['AES-CBC', 'AES-128-CBC, security mode 5 behind the TPL header (EN 13757-7)'],
  other: ['other', 'a security mode this app cannot open'],
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
      <td title={m.driverLabel}>{m.driver}</td>
      <td>0x{m.version.toString(16).padStart(2, '0')}</td>
      <td title={m.encryption === null ? 'the header was cut short' : ENCRYPTION_WORDS[m.encryption][1]}>
        {m.encryption === null ? '—' : ENCRYPTION_WORDS[m.encryption][0]}
      </td>
      <td className={key.className}>{key.text}</td>
      <td>{m.frameKinds.length ? m.frameKinds.join('+') : '—'}</td>
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
      <td className={m.monitored ? 'ok-text' : 'muted'}>{m.monitored ? 'yes' : 'no'}</td>
      <td>
        {m.silent && silentForMs !== null ? (
          <span className="chip warn" title="no telegram for 3 or more of its intervals">
            {formatDuration(silentForMs)}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </>
  );
}

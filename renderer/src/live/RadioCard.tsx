import { useMemo } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import { formatAgo, formatClock, formatDbm } from '../common/format';
import type { TelegramRow } from './gateway-history';
import { linkModeLabel, stickModeWords, stickStateLabel, stickStateTone } from './labels';
import { StatusDot } from './StatusDot';

export function RadioCard({
  status,
  telegrams,
  now,
}: {
  status: GatewayStatus | null;
  /** The telegram list's rows, newest first: what the radio heard lately. */
  telegrams: TelegramRow[];
  now: number;
}) {
  const stick = status?.stick ?? null;
  const info = status?.stickInfo ?? null;
  const deviceMode = info?.details[DEVICE_MODE];
  const mode = deviceMode === undefined ? null : stickModeWords(deviceMode);
  const otherDetails = Object.entries(info?.details ?? {}).filter(([name]) => name !== DEVICE_MODE);
  return (
    <section className="panel card radio" aria-labelledby="radio-title" data-card="radio">
      <div className="card-head">
        <h2 id="radio-title">{info ? `Radio (${info.module})` : 'Radio'}</h2>
        {stick && (
          <span className="state" data-stick-state={stick.state} aria-label="Stick state">
            <StatusDot tone={stickStateTone(stick.state)} />
            {stickStateLabel(stick.state)}
          </span>
        )}
      </div>
      {!stick ? (
        <p className="empty">
          The stick is not open. Choose its serial port (or the simulated stick) and press{' '}
          <strong>Start</strong>.
        </p>
      ) : (
        <>
          {stick.reason && (
            <p className={`problem ${stick.state === 'error' || stick.state === 'unplugged' ? 'error' : ''}`}>
              {stick.reason}
            </p>
          )}
          <dl className="facts">
            <dt>Port</dt>
            <dd>
              <code>{stick.path}</code>
            </dd>
            <dt>Link mode</dt>
            <dd data-link-mode={status?.linkMode ?? ''}>{linkModeLabel(status?.linkMode ?? null)}</dd>
            {info && (
              <>
                <dt>Module</dt>
                <dd data-stick-kind={info.kind}>{info.module}</dd>
                {mode && (
                  <>
                    <dt>Role</dt>
                    <dd
                      className={mode.ok ? '' : 'warn-text'}
                      data-device-mode={deviceMode}
                      title={`Device mode reported by the stick: ${deviceMode}`}
                    >
                      {mode.words}
                    </dd>
                  </>
                )}
                <dt>Firmware</dt>
                <dd>
                  {info.firmware}
                  {otherDetails.map(([name, value]) => (
                    <span key={name} className="muted">
                      {' '}
                      · {name} {value}
                    </span>
                  ))}
                  {!info.linkModes.includes('c1t1') && <span className="muted"> · no C1+T1</span>}
                </dd>
                <dt>Stick id</dt>
                <dd>
                  <code>{info.uniqueId}</code>
                </dd>
              </>
            )}
          </dl>
          <HeardFacts telegrams={telegrams} now={now} />
        </>
      )}
    </section>
  );
}

/** The last telegram and how many meters are around: is the radio side alive, at a glance. */
function HeardFacts({ telegrams, now }: { telegrams: TelegramRow[]; now: number }) {
  const last = telegrams[0];
  // Recounted when rows arrive, not on every clock tick.
  const { meters, monitored } = useMemo(
    () => ({
      meters: new Set(telegrams.map((t) => t.deviceId).filter((id) => id !== null)),
      monitored: new Set(telegrams.filter((t) => t.monitored).map((t) => t.deviceId)),
    }),
    [telegrams],
  );
  return (
    <div className="radio-heard" aria-label="Heard by the radio">
      <h3>Heard</h3>
      {!last ? (
        <p className="muted">Nothing yet. A meter in range sends a telegram about every 15–20 s.</p>
      ) : (
        <dl className="facts">
          <dt>Last telegram</dt>
          <dd>
            <time dateTime={last.at}>{formatClock(last.at)}</time>{' '}
            <span className="muted">({formatAgo(last.at, now)})</span> from{' '}
            <code>{last.deviceId ?? '—'}</code> at {formatDbm(last.rssiDbm)}
          </dd>
          <dt>Meters heard</dt>
          <dd data-meters-heard={meters.size}>
            {meters.size} <span className="muted">· {monitored.size} monitored</span>
          </dd>
        </dl>
      )}
    </div>
  );
}

/** The detail that says whether the stick receives or plays a meter (the iM871A reports it). */
const DEVICE_MODE = 'device mode';

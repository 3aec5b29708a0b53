import type { GatewayStatus } from '../../../shared/gateway';
import { linkModeLabel, stickStateLabel, stickStateTone } from './labels';
import { StatusDot } from './StatusDot';

export function RadioCard({ status }: { status: GatewayStatus | null }) {
  const stick = status?.stick ?? null;
  const info = status?.stickInfo ?? null;
  return (
    <section className="panel card" aria-labelledby="radio-title" data-card="radio">
      <div className="card-head">
        <h2 id="radio-title">Radio (iM871A)</h2>
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
                <dd>
                  {info.moduleName} <span className="muted">· mode {info.deviceModeName}</span>
                </dd>
                <dt>Firmware</dt>
                <dd>
                  {hex(info.firmwareVersion)} <span className="muted">· HCI {hex(info.hciVersion)}</span>
                  {!info.supportsC1T1 && <span className="muted"> · no C1+T1</span>}
                </dd>
                <dt>Stick id</dt>
                <dd>
                  <code>{info.deviceId}</code>
                </dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

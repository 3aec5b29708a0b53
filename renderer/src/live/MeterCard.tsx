import { useState } from 'react';
import type { MeterDriverView, MeterValuesView } from '../../../shared/gateway';
import { formatAgo, formatClock, formatDbm } from '../common/format';
import { silenceInWords, type SilentMeter } from '../common/silence';
import { energyReading, fieldReading, powerReadings, type Reading } from './format';
import { keyProtectionLabel, meterErrorInWords } from './labels';
import type { MeterCardData } from './meter-list';
import { MeterChart } from './MeterChart';
import type { MeterSeries } from './meter-series';

export function MeterCard({
  card,
  series,
  now,
  onRemove,
  removing,
  silent,
}: {
  card: MeterCardData;
  /** Readings over the session; absent before the first decoded telegram. */
  series?: MeterSeries | undefined;
  now: number;
  onRemove(deviceId: string): void;
  removing: boolean;
  /** Set when this monitored meter has been silent for three of its intervals. */
  silent?: SilentMeter | undefined;
}) {
  const { deviceId, state, monitored } = card;
  const isMonitored = monitored !== null || (state?.monitored ?? false);
  const driver = state?.driver ?? null;
  // OmniPower (or a meter whose driver is not known yet) keeps its four readings and the charts.
  const omniPower = driver === null || driver.name === 'omnipower';
  return (
    <article
      className={`meter-card${isMonitored ? ' monitored' : ''}`}
      aria-label={`Meter ${deviceId}`}
      data-meter-id={deviceId}
      data-monitored={isMonitored}
    >
      <header className="meter-head">
        <code className="meter-id">{deviceId}</code>
        <span className="muted">{[state?.manufacturer, state?.medium].filter(Boolean).join(' · ')}</span>
        <span className={`chip ${isMonitored ? 'ok' : 'muted'}`}>
          {isMonitored ? 'monitored' : 'not monitored'}
        </span>
      </header>
      {driver && (
        <p className="meter-driver" data-driver={driver.name} title={`decoded by the ${driver.name} driver`}>
          {driver.label}
        </p>
      )}
      {monitored && (
        <p className="meter-key" data-key-hint={monitored.keyHint}>
          Key <code>…{monitored.keyHint}</code> · {keyProtectionLabel(monitored.keyProtection)}
          {monitored.source === 'cloud' && <span className="muted"> · from the cloud</span>}
          {monitored.source === 'kem' && <span className="muted"> · imported from a KEM file</span>}
        </p>
      )}
      {state?.values ? (
        omniPower ? (
          <Readings values={state.values} />
        ) : (
          <DriverReadings driver={driver!} values={state.values} />
        )
      ) : (
        <NoValues monitored={isMonitored} heard={!!state?.lastSeen} />
      )}
      {driver && !driver.published && driver.unpublishedReason && (
        <p className="meter-unpublished note" data-published="false">
          {driver.unpublishedReason}
        </p>
      )}
      {state?.values && omniPower && <MeterChart series={series} />}
      {state && (
        <dl className="meter-facts">
          <dt>Last seen</dt>
          <dd title={state.lastSeen ?? undefined}>
            {formatAgo(state.lastSeen, now)}
            {state.lastSeen && <span className="muted"> ({formatClock(state.lastSeen)})</span>}
          </dd>
          <dt>Signal</dt>
          <dd data-rssi-dbm={state.rssiDbm ?? ''}>
            {formatDbm(state.rssiDbm)}
            {state.rssi !== null && <span className="muted"> (raw {state.rssi})</span>}
          </dd>
          <dt>Telegrams</dt>
          <dd className="counts">
            <span>ok {state.counts.ok}</span>
            <span className={state.counts.crc ? 'warn-text' : ''}>CRC {state.counts.crc}</span>
            <span className={state.counts.wrongKey ? 'error-text' : ''}>
              wrong key {state.counts.wrongKey}
            </span>
            <span className={state.counts.noKey ? 'warn-text' : ''}>no key {state.counts.noKey}</span>
            {state.counts.other > 0 && <span>other {state.counts.other}</span>}
          </dd>
        </dl>
      )}
      {silent && (
        <p className="problem meter-error meter-silent" role="status" data-silent="true">
          Silent: {silenceInWords(silent)}. Is it still in range, and powered?
        </p>
      )}
      {state?.lastError && (
        <p className="problem error meter-error">
          <span className="muted">{formatClock(state.lastError.at)}</span>{' '}
          {meterErrorInWords(state.lastError)}
        </p>
      )}
      {monitored && <RemoveButton deviceId={deviceId} onRemove={onRemove} disabled={removing} />}
    </article>
  );
}

function Readings({ values }: { values: MeterValuesView }) {
  const power = (name: 'P+' | 'P-') => {
    const m = values[name];
    return m ? powerReadings(m) : null;
  };
  const pPlus = power('P+');
  const pMinus = power('P-');
  return (
    <div className="readings">
      <ReadingView
        name="A+"
        label="energy imported"
        reading={values['A+'] ? energyReading(values['A+']) : null}
      />
      <ReadingView
        name="A-"
        label="energy exported"
        reading={values['A-'] ? energyReading(values['A-']) : null}
      />
      <ReadingView name="P+" label="power imported" reading={pPlus?.kw ?? null} sub={pPlus?.w ?? null} />
      <ReadingView name="P-" label="power exported" reading={pMinus?.kw ?? null} sub={pMinus?.w ?? null} />
    </div>
  );
}

/**
 * Any other driver's fields, in the driver's order with its words; a generic meter's values (named
 * after their records) follow as they came.
 */
function DriverReadings({ driver, values }: { driver: MeterDriverView; values: MeterValuesView }) {
  const labelled = driver.fields.filter((field) => values[field.name] !== undefined);
  const known = new Set(driver.fields.map((field) => field.name));
  const others = Object.keys(values).filter((name) => !known.has(name));
  return (
    <div className="readings driver-readings">
      {labelled.map((field) => (
        <ReadingView
          key={field.name}
          field={field.name}
          name={field.label}
          reading={fieldReading(values[field.name]!)}
        />
      ))}
      {others.map((name) => (
        <ReadingView key={name} field={name} name={name} reading={fieldReading(values[name]!)} />
      ))}
    </div>
  );
}

function ReadingView(props: {
  name: string;
  label?: string;
  /** The driver field's name, when it differs from the words shown. */
  field?: string;
  reading: Reading | null;
  sub?: Reading | null;
}) {
  const { name, label, field, reading, sub } = props;
  // A status in words has no unit and is read, not compared: it gets normal text, not a big number.
  const text = reading !== null && reading.unit === '' && !/^-?[\d.,]+$/.test(reading.number);
  return (
    <div
      className={text ? 'reading wide' : 'reading'}
      data-value={field ?? name}
      aria-label={label ? `${name} ${label}` : name}
      role="group"
    >
      <span className="reading-name">
        {name} {label && <span className="muted">{label}</span>}
      </span>
      <span className="reading-main">
        <span className={text ? 'reading-text' : 'big-number'}>{reading?.number ?? '—'}</span>{' '}
        <span className="unit">{reading?.unit}</span>
      </span>
      {sub && (
        <span className="reading-sub muted">
          {sub.number} {sub.unit}
        </span>
      )}
    </div>
  );
}

function NoValues({ monitored, heard }: { monitored: boolean; heard: boolean }) {
  let text = 'Not heard yet. Is the meter in range, and is the link mode right (C1 format A for OmniPower)?';
  if (!monitored) text = 'Heard, but not monitored: add it below with its AES key to decode its values.';
  else if (heard) text = 'Heard, but no values decoded yet: see the last error below.';
  return <p className="empty">{text}</p>;
}

function RemoveButton({
  deviceId,
  onRemove,
  disabled,
}: {
  deviceId: string;
  onRemove(id: string): void;
  disabled: boolean;
}) {
  // Two steps: removing a meter also forgets its key, which the technician may not have at hand.
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="quiet"
        onClick={() => setConfirming(true)}
        aria-label={`Remove meter ${deviceId}`}
      >
        Remove
      </button>
    );
  return (
    <span className="confirm-remove">
      Forget meter {deviceId} and its key?{' '}
      <button type="button" className="danger" disabled={disabled} onClick={() => onRemove(deviceId)}>
        Yes, remove
      </button>{' '}
      <button type="button" className="quiet" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </span>
  );
}

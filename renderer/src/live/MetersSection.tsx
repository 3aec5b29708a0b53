import type { GatewayStatus } from '../../../shared/gateway';
import { silentMonitoredMeters } from '../common/silence';
import { KemImport } from '../kem/KemImport';
import { AddMeterForm } from './AddMeterForm';
import { meterCards } from './meter-list';
import { MeterCard } from './MeterCard';
import type { SeriesByMeter } from './meter-series';
import type { MeterEditing } from './useMeterEditing';

export function MetersSection({
  status,
  series,
  editing,
  now,
}: {
  status: GatewayStatus | null;
  series: SeriesByMeter;
  editing: MeterEditing;
  now: number;
}) {
  const cards = meterCards(status?.meters ?? [], status?.monitored ?? []);
  const silent = silentMonitoredMeters(status?.survey ?? null, now);
  return (
    <section className="panel card meters" aria-labelledby="meters-title" data-card="meters">
      <div className="card-head">
        <h2 id="meters-title">Meters</h2>
        <span className="muted">
          {cards.length === 0
            ? 'none yet'
            : `${cards.filter((c) => c.monitored || c.state?.monitored).length} monitored · ${cards.length} in total`}
        </span>
      </div>
      {cards.length === 0 ? (
        <p className="empty">
          No meters yet. The demo monitors its simulated meter on its own; for a real meter, add its id and
          AES key below, or let the cloud send them with <code>sensors/set</code>.
        </p>
      ) : (
        <div className="meter-grid">
          {cards.map((card) => (
            <MeterCard
              key={card.deviceId}
              card={card}
              series={series[card.deviceId]}
              now={now}
              onRemove={editing.remove}
              removing={editing.busy}
              silent={silent.get(card.deviceId)}
            />
          ))}
        </div>
      )}
      <AddMeterForm editing={editing} monitored={status?.monitored ?? []} />
      <KemImport />
    </section>
  );
}

import type { MeterStateView, MonitoredMeterView } from '../../../shared/gateway';

export interface MeterCardData {
  deviceId: string;
  state: MeterStateView | null;
  monitored: MonitoredMeterView | null;
}

/**
 * One card per meter: every meter heard plus every monitored one (even before it is heard), the
 * monitored ones first and each group in id order, so cards do not jump around as telegrams arrive.
 * A meter that is neither monitored nor ever heard (one just removed) has nothing to show.
 */
export function meterCards(states: MeterStateView[], monitored: MonitoredMeterView[]): MeterCardData[] {
  const byId = new Map<string, MeterCardData>();
  for (const m of monitored) byId.set(m.deviceId, { deviceId: m.deviceId, state: null, monitored: m });
  for (const s of states) {
    const card = byId.get(s.deviceId);
    if (card) card.state = s;
    else byId.set(s.deviceId, { deviceId: s.deviceId, state: s, monitored: null });
  }
  const isMonitored = (c: MeterCardData) => c.monitored !== null || (c.state?.monitored ?? false);
  return [...byId.values()]
    .filter((c) => isMonitored(c) || c.state?.lastSeen)
    .sort((a, b) => Number(isMonitored(b)) - Number(isMonitored(a)) || a.deviceId.localeCompare(b.deviceId));
}

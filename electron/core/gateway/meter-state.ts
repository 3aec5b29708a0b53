import type { MeterStateView } from '../../../shared/gateway';
import { driverFor, driverSummary, type MeterIdentity } from '../wmbus';
import type { TelegramOutcome } from './telegram-decoder';

/**
 * What the technician sees per meter: last values, when and how well it was heard, what went wrong.
 * Counts: `crc` is a payload CRC that failed on a damaged-looking frame, `wrongKey` one that failed
 * the way a wrong key makes it fail.
 */
export type MeterState = MeterStateView;
export type TelegramCounts = MeterState['counts'];

const emptyCounts = (): TelegramCounts => ({ ok: 0, crc: 0, wrongKey: 0, noKey: 0, other: 0 });

/** Per-meter state for every meter heard (bounded) and every monitored one. */
export class MeterStates {
  private readonly states = new Map<string, MeterState>();

  constructor(private readonly maxMeters = 500) {}

  get(deviceId: string): MeterState | undefined {
    return this.states.get(deviceId);
  }

  list(): MeterState[] {
    return [...this.states.values()];
  }

  /** Keeps monitored meters listed even before they are heard. */
  setMonitored(ids: Iterable<string>): void {
    const wanted = new Set(ids);
    for (const [id, state] of this.states) {
      state.monitored = wanted.has(id);
      // A meter removed before it was ever heard has nothing left to show.
      if (!state.monitored && state.lastSeen === null) this.states.delete(id);
    }
    for (const id of wanted) if (!this.states.has(id)) this.states.set(id, blank(id, true));
  }

  record(outcome: TelegramOutcome, at: Date, rssi: number | null, rssiDbm: number | null): MeterState | null {
    const meter: MeterIdentity | null = outcome.meter;
    if (!meter) return null;
    let state = this.states.get(meter.id);
    if (!state) {
      if (this.states.size >= this.maxMeters) this.evictUnmonitored();
      state = blank(meter.id, false);
      this.states.set(meter.id, state);
    }
    state.manufacturer = meter.manufacturer;
    state.medium = meter.medium;
    state.driver = driverSummary(driverFor(meter));
    state.lastSeen = at.toISOString();
    state.rssi = rssi;
    state.rssiDbm = rssiDbm;
    if (outcome.ok) {
      state.counts.ok++;
      state.values = outcome.telegram.values;
      state.valuesAt = state.lastSeen;
    } else {
      const { code, message } = outcome.error;
      if (code === 'CRC') state.counts[outcome.error.likelyCause === 'wrong-key' ? 'wrongKey' : 'crc']++;
      else if (code === 'NO_KEY') state.counts.noKey++;
      else if (code !== 'UNKNOWN_METER') state.counts.other++;
      if (code !== 'UNKNOWN_METER') state.lastError = { code, message, at: state.lastSeen };
    }
    return state;
  }

  private evictUnmonitored(): void {
    for (const [id, state] of this.states) {
      if (!state.monitored) {
        this.states.delete(id);
        return;
      }
    }
  }
}

function blank(deviceId: string, monitored: boolean): MeterState {
  return {
    deviceId,
    manufacturer: null,
    medium: null,
    driver: null,
    monitored,
    values: null,
    valuesAt: null,
    lastSeen: null,
    rssi: null,
    rssiDbm: null,
    counts: emptyCounts(),
    lastError: null,
  };
}

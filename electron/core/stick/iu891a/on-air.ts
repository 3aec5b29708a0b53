import { simulatedMeter, type SimulatedMeter, type SimulatedMeterSpec } from './reused';
import type { Timers } from '../../timers';

export interface MetersOnAirOptions {
  meters: SimulatedMeterSpec[];
  /** Time between telegrams of one meter (times its spec's intervalFactor). */
  intervalMs: number;
  timers: Timers;
  random: () => number;
  /** Called for every telegram a meter sends; the stick decides whether it hears it. */
  onTransmit: (meter: SimulatedMeter) => void;
}

/**
 * Simulated meters sending on their own rhythm, for any virtual stick: not synchronised (their
 * first telegrams spread over one interval), each interval varied by ±10 %, silent after their
 * spec's `silentAfter`. The meters keep their registers across stop and start.
 */
export class MetersOnAir {
  private readonly onAir: Array<{ spec: SimulatedMeterSpec; meter: SimulatedMeter; sent: number }>;
  private readonly timers = new Set<unknown>();
  private active = false;

  constructor(private readonly options: MetersOnAirOptions) {
    this.onAir = options.meters.map((spec) => ({
      spec,
      meter: simulatedMeter(spec, options.random),
      sent: 0,
    }));
  }

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    const count = this.onAir.length;
    this.onAir.forEach((entry, i) => this.next(entry, ((i + 1) * this.options.intervalMs) / (count + 1)));
  }

  stop(): void {
    this.active = false;
    for (const timer of this.timers) this.options.timers.clearTimeout(timer);
    this.timers.clear();
  }

  private next(entry: (typeof this.onAir)[number], inMs: number): void {
    const { spec } = entry;
    if (!this.active) return;
    if (spec.silentAfter !== undefined && entry.sent >= spec.silentAfter) return;
    const timer = this.options.timers.setTimeout(() => {
      this.timers.delete(timer);
      entry.sent++;
      this.options.onTransmit(entry.meter);
      const factor = spec.intervalFactor ?? 1;
      this.next(entry, this.options.intervalMs * factor * (0.9 + this.options.random() * 0.2));
    }, inMs);
    this.timers.add(timer);
  }
}

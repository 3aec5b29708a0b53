import type { SimulatedMeterSpec } from './simulated-meter';

/** A telegram as a simulated meter sends it: the frame from C, its RSSI byte and the registers it carries. */
export interface SimulatedTelegram<Reading> {
  frame: Buffer;
  rssi: number;
  reading: Reading;
}

/** What the virtual stick needs of a simulated meter, whatever kind it plays. */
export interface SimulatedMeter {
  readonly id: string;
  nextTelegram(nowMs: number): SimulatedTelegram<unknown>;
}

/**
 * The radio side every simulated Kamstrup meter shares: an access number per telegram, the rhythm
 * of one long telegram followed by seven compact ones (docs/ARCHITECTURE.md § wM-Bus) and a
 * reception strength that varies around the spec's RSSI. Subclasses keep the registers.
 */
export abstract class SimulatedRadioMeter<Reading> implements SimulatedMeter {
  readonly id: string;
  private accessNumber: number;
  private sent = 0;

  constructor(
    protected readonly spec: SimulatedMeterSpec,
    protected readonly random: () => number,
  ) {
    this.id = spec.id;
    this.accessNumber = Math.floor(random() * 256);
  }

  /** The next telegram (frame from C) at time `nowMs`, and the RSSI it arrives with. */
  nextTelegram(nowMs: number): SimulatedTelegram<Reading> {
    this.advance(nowMs);
    const kind = this.sent % 8 === 0 ? 'long' : 'compact';
    const frame = this.encode({ nowMs, kind, accessNumber: this.accessNumber });
    this.accessNumber = (this.accessNumber + 1) & 0xff;
    this.sent++;
    const rssi = clamp(Math.round((this.spec.rssi ?? 121) + (this.random() - 0.5) * 8), 0, 255);
    return { frame, rssi, reading: this.snapshot() };
  }

  /** Brings the registers up to `nowMs`. */
  protected abstract advance(nowMs: number): void;
  /** The encrypted telegram of the current registers. */
  protected abstract encode(telegram: {
    nowMs: number;
    kind: 'long' | 'compact';
    accessNumber: number;
  }): Buffer;
  /** A copy of the current registers. */
  protected abstract snapshot(): Reading;
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The ELL minute counter of a moment (25 bits, wrapping). */
export const minuteCounterAt = (nowMs: number) => Math.floor(nowMs / 60_000) & 0x1ffffff;

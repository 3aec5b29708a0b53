import { encodeOmniPowerTelegram, type OmniPowerReading } from '../wmbus';

export interface SimulatedMeterSpec {
  /** 8-digit meter number. */
  id: string;
  /** AES-128 key, 16 bytes. */
  key: Buffer;
  /** Typical consumption in W; the simulated load wanders around it. Default 800 W. */
  baseLoadW?: number;
  /** Typical solar export in W (0 = a consumer only). */
  baseExportW?: number;
  /** Raw RSSI byte around which reception varies (≈ -62 dBm at 121). */
  rssi?: number;
  /** A+ register at start, in 10 Wh. */
  startWh10?: number;
}

/**
 * One Kamstrup OmniPower as the radio sees it: energy registers that rise with the load, a load
 * that wanders, an access number per telegram, and the meter's rhythm of one long telegram followed
 * by seven compact ones (docs/ARCHITECTURE.md § wM-Bus).
 */
export class SimulatedOmniPower {
  readonly id: string;
  private readonly key: Buffer;
  private reading: OmniPowerReading;
  private loadW: number;
  private exportW: number;
  private accessNumber: number;
  private sent = 0;
  private lastAt: number | null = null;
  private energyRemainderWh = 0;
  private exportRemainderWh = 0;

  constructor(
    private readonly spec: SimulatedMeterSpec,
    private readonly random: () => number = Math.random,
  ) {
    this.id = spec.id;
    this.key = spec.key;
    this.loadW = spec.baseLoadW ?? 800;
    this.exportW = spec.baseExportW ?? 0;
    this.accessNumber = Math.floor(random() * 256);
    this.reading = { aPlusWh10: spec.startWh10 ?? 215, aMinusWh10: 0, pPlusW: this.loadW, pMinusW: 0 };
  }

  /** The next telegram (frame from C) at time `nowMs`, and the RSSI it arrives with. */
  nextTelegram(nowMs: number): { frame: Buffer; rssi: number; reading: OmniPowerReading } {
    this.advance(nowMs);
    const kind = this.sent % 8 === 0 ? 'long' : 'compact';
    const frame = encodeOmniPowerTelegram({
      id: this.id,
      key: this.key,
      accessNumber: this.accessNumber,
      minuteCounter: Math.floor(nowMs / 60_000) & 0x1ffffff,
      kind,
      values: this.reading,
    });
    this.accessNumber = (this.accessNumber + 1) & 0xff;
    this.sent++;
    const rssi = clamp(Math.round((this.spec.rssi ?? 121) + (this.random() - 0.5) * 8), 0, 255);
    return { frame, rssi, reading: { ...this.reading } };
  }

  /** Integrates the power since the last telegram into the registers, then lets the load wander. */
  private advance(nowMs: number): void {
    if (this.lastAt !== null) {
      const hours = Math.max(0, nowMs - this.lastAt) / 3_600_000;
      this.energyRemainderWh += this.reading.pPlusW * hours;
      this.exportRemainderWh += this.reading.pMinusW * hours;
      const importSteps = Math.floor(this.energyRemainderWh / 10);
      const exportSteps = Math.floor(this.exportRemainderWh / 10);
      this.reading.aPlusWh10 += importSteps;
      this.reading.aMinusWh10 += exportSteps;
      this.energyRemainderWh -= importSteps * 10;
      this.exportRemainderWh -= exportSteps * 10;
    }
    this.lastAt = nowMs;
    const base = this.spec.baseLoadW ?? 800;
    this.loadW = clamp(this.loadW + (this.random() - 0.5) * base * 0.3, base * 0.2, base * 3);
    this.exportW =
      this.exportW > 0 ? clamp(this.exportW + (this.random() - 0.5) * this.exportW * 0.2, 0, 10_000) : 0;
    // A meter reports either import or export at a time: the net flow decides.
    const net = this.loadW - this.exportW;
    this.reading.pPlusW = Math.round(Math.max(0, net));
    this.reading.pMinusW = Math.round(Math.max(0, -net));
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

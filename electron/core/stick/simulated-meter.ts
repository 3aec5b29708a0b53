import { encodeOmniPowerTelegram, type OmniPowerReading } from '../wmbus';
import { SimulatedMultical21 } from './simulated-multical21';
import { clamp, minuteCounterAt, SimulatedRadioMeter, type SimulatedMeter } from './simulated-radio';

export interface SimulatedMeterSpec {
  /** 8-digit meter number. */
  id: string;
  /** AES-128 key, 16 bytes. */
  key: Buffer;
  /** What it plays: a Kamstrup OmniPower electricity meter (default) or a Multical 21 water meter. */
  kind?: 'omnipower' | 'multical21';
  /** Raw RSSI byte around which reception varies (≈ -62 dBm at 121). */
  rssi?: number;
  /** Sends every this many of the stick's intervals (a Multical 21 in fixed-network mode: 6). Default 1. */
  intervalFactor?: number;
  /** Falls silent after this many telegrams (a flat battery, a meter taken away). Default: never. */
  silentAfter?: number;
  /** OmniPower: typical consumption in W; the simulated load wanders around it. Default 800 W. */
  baseLoadW?: number;
  /** OmniPower: typical solar export in W (0 = a consumer only). */
  baseExportW?: number;
  /** OmniPower: A+ register at start, in 10 Wh. */
  startWh10?: number;
  /** Multical 21: total volume at start, in litres. */
  startLitres?: number;
  /** Multical 21: typical water use in litres per hour; the flow wanders around it. */
  baseFlowLph?: number;
}

/** The simulated meter a spec describes (an OmniPower unless its `kind` says otherwise). */
export function simulatedMeter(spec: SimulatedMeterSpec, random: () => number = Math.random): SimulatedMeter {
  return spec.kind === 'multical21'
    ? new SimulatedMultical21(spec, random)
    : new SimulatedOmniPower(spec, random);
}

/**
 * One Kamstrup OmniPower as the radio sees it: energy registers that rise with the load and a load
 * that wanders, in the telegram rhythm of SimulatedRadioMeter.
 */
export class SimulatedOmniPower extends SimulatedRadioMeter<OmniPowerReading> {
  private readonly reading: OmniPowerReading;
  private loadW: number;
  private exportW: number;
  private lastAt: number | null = null;
  private energyRemainderWh = 0;
  private exportRemainderWh = 0;

  constructor(spec: SimulatedMeterSpec, random: () => number = Math.random) {
    super(spec, random);
    this.loadW = spec.baseLoadW ?? 800;
    this.exportW = spec.baseExportW ?? 0;
    this.reading = { aPlusWh10: spec.startWh10 ?? 215, aMinusWh10: 0, pPlusW: this.loadW, pMinusW: 0 };
  }

  protected encode(t: { nowMs: number; kind: 'long' | 'compact'; accessNumber: number }): Buffer {
    return encodeOmniPowerTelegram({
      id: this.id,
      key: this.spec.key,
      accessNumber: t.accessNumber,
      minuteCounter: minuteCounterAt(t.nowMs),
      kind: t.kind,
      values: this.reading,
    });
  }

  protected snapshot(): OmniPowerReading {
    return { ...this.reading };
  }

  /** Integrates the power since the last telegram into the registers, then lets the load wander. */
  protected advance(nowMs: number): void {
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

import { encodeMultical21Telegram, KeyCipherCache, type Multical21Reading } from '../wmbus';
import type { SimulatedMeterSpec } from './simulated-meter';
import { clamp, minuteCounterAt, SimulatedRadioMeter } from './simulated-radio';

const DEFAULT_FLOW_LPH = 30;

/**
 * One Kamstrup Multical 21 cold-water meter as the radio sees it: a total volume in litres that
 * rises with a wandering flow, a target volume frozen at the start (the last target date), water
 * and ambient temperatures that drift slowly, and no info codes set.
 */
export class SimulatedMultical21 extends SimulatedRadioMeter<Multical21Reading> {
  private readonly reading: Multical21Reading;
  private readonly ciphers = new KeyCipherCache(1);
  private flowLph: number;
  private waterC = 10.4;
  private ambientC = 19.6;
  private lastAt: number | null = null;
  private remainderLitres = 0;

  constructor(spec: SimulatedMeterSpec, random: () => number = Math.random) {
    super(spec, random);
    this.flowLph = spec.baseFlowLph ?? DEFAULT_FLOW_LPH;
    const start = spec.startLitres ?? 0;
    this.reading = {
      infoCodes: 0,
      totalLitres: start,
      targetLitres: start,
      flowTemperatureC: Math.round(this.waterC),
      externalTemperatureC: Math.round(this.ambientC),
    };
  }

  protected encode(t: { nowMs: number; kind: 'long' | 'compact'; accessNumber: number }): Buffer {
    return encodeMultical21Telegram(
      {
        id: this.id,
        key: this.spec.key,
        accessNumber: t.accessNumber,
        minuteCounter: minuteCounterAt(t.nowMs),
        kind: t.kind,
        reading: this.reading,
      },
      this.ciphers,
    );
  }

  protected snapshot(): Multical21Reading {
    return { ...this.reading };
  }

  /** Adds the water that flowed since the last telegram (whole litres), then lets flow and temperatures drift. */
  protected advance(nowMs: number): void {
    if (this.lastAt !== null) {
      this.remainderLitres += (this.flowLph * Math.max(0, nowMs - this.lastAt)) / 3_600_000;
      const litres = Math.floor(this.remainderLitres);
      this.reading.totalLitres += litres;
      this.remainderLitres -= litres;
    }
    this.lastAt = nowMs;
    const base = this.spec.baseFlowLph ?? DEFAULT_FLOW_LPH;
    this.flowLph = clamp(this.flowLph + (this.random() - 0.5) * base * 0.4, 0, base * 3);
    this.waterC = clamp(this.waterC + (this.random() - 0.5) * 0.3, 8, 14);
    this.ambientC = clamp(this.ambientC + (this.random() - 0.5) * 0.3, 17, 24);
    this.reading.flowTemperatureC = Math.round(this.waterC);
    this.reading.externalTemperatureC = Math.round(this.ambientC);
  }
}

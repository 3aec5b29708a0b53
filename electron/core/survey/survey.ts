import type { SurveyView } from '../../../shared/survey';
import { DecodeError, summarizeFrame, type FrameKind } from '../wmbus';
import { SurveyedMeter } from './surveyed-meter';

/** Meters kept at most: a dense block of flats is heard whole, and a snapshot stays small enough to send often. */
export const SURVEY_MAX_METERS = 500;
/** Gaps kept per meter: enough for a steady median, about 17 minutes of a 16 s meter. */
export const SURVEY_MAX_GAPS = 64;

/**
 * One telegram as the survey takes it: the stick's bytes and signal, and what decoding found. The
 * gateway pipeline's `HeardTelegram` is one; `cli survey` builds them from the stick directly.
 */
export interface SurveyTelegram {
  telegram: { frame: Buffer; rssiDbm?: number | null | undefined };
  outcome: { ok: true; telegram: { frameKind: FrameKind } } | { ok: false };
  at: Date;
}

export interface MeterSurveyOptions {
  clock?: () => Date;
  maxMeters?: number;
  maxGaps?: number;
  /** Asked at each snapshot, so a meter added or removed meanwhile shows as it is now. */
  isMonitored?: (deviceId: string) => boolean;
  hasKey?: (deviceId: string) => boolean;
}

/**
 * "Meters in range" (docs/ARCHITECTURE.md § Meters in range): every meter the stick hears, monitored
 * or not, decodable or not, from its header, with its signal, its send interval and the telegrams it
 * missed. Pure: time comes from each telegram and from the injected clock; memory is bounded by
 * `maxMeters` × `maxGaps`.
 */
export class MeterSurvey {
  private readonly meters = new Map<string, SurveyedMeter>();
  private readonly clock: () => Date;
  private readonly maxMeters: number;
  private readonly maxGaps: number;
  private readonly startedAt: Date;
  private endedAt: Date | null = null;
  private evicted = 0;
  private unreadable = 0;

  constructor(private readonly options: MeterSurveyOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.maxMeters = options.maxMeters ?? SURVEY_MAX_METERS;
    this.maxGaps = options.maxGaps ?? SURVEY_MAX_GAPS;
    if (!(Number.isInteger(this.maxMeters) && this.maxMeters >= 1))
      throw new RangeError(`maxMeters must be a whole number ≥ 1, got ${this.maxMeters}`);
    this.startedAt = this.clock();
  }

  /** Takes one telegram. Never throws for what the radio brings: a frame without a meter is counted. */
  hear(heard: SurveyTelegram): void {
    if (this.endedAt !== null) return;
    const { frame, rssiDbm } = heard.telegram;
    let summary;
    try {
      summary = summarizeFrame(frame);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.unreadable++;
      return;
    }
    const hearing = {
      frame,
      summary,
      rssiDbm: rssiDbm ?? null,
      atMs: heard.at.getTime(),
      decodedKind: heard.outcome.ok ? heard.outcome.telegram.frameKind : null,
    };
    const id = summary.meter.id;
    const known = this.meters.get(id);
    if (known) {
      // Map order is hearing order: the least recently heard meter comes first.
      this.meters.delete(id);
      this.meters.set(id, known);
      known.hear(hearing);
      return;
    }
    if (this.meters.size >= this.maxMeters) this.evictOne();
    this.meters.set(id, new SurveyedMeter(hearing, this.maxGaps));
  }

  /** Stops listening: later telegrams are ignored, and silence is judged as of now from then on. */
  end(): void {
    this.endedAt ??= this.clock();
  }

  snapshot(): SurveyView {
    const at = this.endedAt ?? this.clock();
    const monitored = this.options.isMonitored ?? (() => false);
    const hasKey = this.options.hasKey ?? (() => false);
    const meters = [...this.meters.values()]
      .map((m) => m.view(at.getTime(), monitored(m.deviceId), hasKey(m.deviceId)))
      .sort((a, b) => a.deviceId.localeCompare(b.deviceId));
    return {
      startedAt: this.startedAt.toISOString(),
      endedAt: this.endedAt?.toISOString() ?? null,
      at: at.toISOString(),
      meters,
      maxMeters: this.maxMeters,
      maxGaps: this.maxGaps,
      evicted: this.evicted,
      unreadable: this.unreadable,
    };
  }

  /** Drops the least recently heard meter nobody monitors (or, if all are monitored, the least recent). */
  private evictOne(): void {
    const monitored = this.options.isMonitored ?? (() => false);
    let victim: string | undefined;
    for (const id of this.meters.keys()) {
      if (!monitored(id)) {
        victim = id;
        break;
      }
    }
    victim ??= this.meters.keys().next().value;
    if (victim !== undefined) {
      this.meters.delete(victim);
      this.evicted++;
    }
  }
}

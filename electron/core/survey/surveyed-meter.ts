import type { SurveyMeterView } from '../../../shared/survey';
import { signalVerdict, silenceOf } from '../../../shared/survey-rules';
import { driverFor, driverSummary, type FrameKind, type FrameSummary } from '../wmbus';
import { GapHistory } from './intervals';

/**
 * Identical bytes heard again this soon are one telegram heard twice (a repeater, or two paths), not
 * a new one: repeats come within about a second (wmbusmeters' `ignoreduplicates` note, issue #270),
 * while even a meter whose telegrams never change sends them an interval apart.
 */
export const REPEAT_WINDOW_MS = 2000;

/** What a meter's telegram adds to its entry. */
export interface Hearing {
  frame: Buffer;
  summary: FrameSummary;
  rssiDbm: number | null;
  atMs: number;
  /** Long or compact as the decoder found it (a held key opens what the header hides). */
  decodedKind: FrameKind | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** One meter of the survey: who it is, how it is heard, how regularly. */
export class SurveyedMeter {
  private summary: FrameSummary;
  private readonly frameKinds = new Set<FrameKind>();
  private rssi: { last: number; min: number; max: number; sum: number; count: number } | null = null;
  private telegrams = 0;
  private duplicates = 0;
  private readonly firstSeenMs: number;
  private lastSeenMs: number;
  private lastFrame: Buffer | null = null;
  private readonly gaps: GapHistory;

  /** An entry for a meter heard for the first time, with that telegram counted. */
  constructor(first: Hearing, maxGaps: number) {
    this.summary = first.summary;
    this.firstSeenMs = first.atMs;
    this.lastSeenMs = first.atMs;
    this.gaps = new GapHistory(maxGaps);
    this.hear(first);
  }

  get deviceId(): string {
    return this.summary.meter.id;
  }

  hear(h: Hearing): void {
    const sinceLast = h.atMs - this.lastSeenMs;
    if (this.lastFrame !== null && sinceLast <= REPEAT_WINDOW_MS && this.lastFrame.equals(h.frame)) {
      // The same telegram again: its signal is the repeater's, its gap no interval.
      this.duplicates++;
      return;
    }
    if (this.telegrams > 0 && sinceLast > 0) this.gaps.add(sinceLast);
    this.telegrams++;
    this.lastSeenMs = Math.max(this.lastSeenMs, h.atMs);
    this.lastFrame = Buffer.from(h.frame);
    // A header cut short says less than one read whole: keep what a whole one said.
    if (h.summary.encryption !== null || this.summary.encryption === null) this.summary = h.summary;
    const kind = h.summary.frameKind ?? h.decodedKind;
    if (kind) this.frameKinds.add(kind);
    if (h.rssiDbm !== null) this.addRssi(h.rssiDbm);
  }

  private addRssi(dbm: number): void {
    const r = this.rssi;
    if (r === null) {
      this.rssi = { last: dbm, min: dbm, max: dbm, sum: dbm, count: 1 };
      return;
    }
    r.last = dbm;
    r.min = Math.min(r.min, dbm);
    r.max = Math.max(r.max, dbm);
    r.sum += dbm;
    r.count++;
  }

  /** The meter as of `nowMs`: silence is judged then. */
  view(nowMs: number, monitored: boolean, keyHeld: boolean): SurveyMeterView {
    const { meter, encryption } = this.summary;
    const driver = driverSummary(driverFor(meter));
    const interval = this.gaps.intervalMs();
    const mean = this.rssi ? round1(this.rssi.sum / this.rssi.count) : null;
    return {
      deviceId: meter.id,
      manufacturer: meter.manufacturer,
      medium: meter.medium,
      deviceType: meter.type,
      version: meter.version,
      driver: driver.name,
      driverLabel: driver.label,
      monitored,
      encryption,
      encrypted: encryption === null ? null : encryption !== 'none',
      keyHeld,
      frameKinds: (['long', 'compact'] as const).filter((k) => this.frameKinds.has(k)),
      rssiLastDbm: this.rssi ? round1(this.rssi.last) : null,
      rssiMinDbm: this.rssi ? round1(this.rssi.min) : null,
      rssiMeanDbm: mean,
      rssiMaxDbm: this.rssi ? round1(this.rssi.max) : null,
      telegrams: this.telegrams,
      duplicates: this.duplicates,
      firstSeen: new Date(this.firstSeenMs).toISOString(),
      lastSeen: new Date(this.lastSeenMs).toISOString(),
      intervalS: interval === null ? null : interval / 1000,
      missed: this.gaps.missed(),
      silent: silenceOf(this.lastSeenMs, interval, nowMs)?.silent ?? false,
      verdict: signalVerdict(mean),
    };
  }
}

// A meter gone quiet, judged with the rule the core uses (shared/survey-rules.ts) but against the
// window's own clock, so the flag appears on time even when no snapshot arrives (nothing is heard).
// Used by the meter cards, the commissioning checklist and record, and the Meters in range screen.
import type { SurveyMeterView, SurveyView } from '../../../shared/survey';
import { silenceOf, type Silence } from '../../../shared/survey-rules';
import { formatClock, formatDuration } from './format';

/**
 * When silence is judged: at `nowMs` while the survey listens (at the snapshot's own time when no
 * clock is given, which keeps pure callers pure), at its end once the gateway stopped.
 */
export function judgedAt(survey: SurveyView, nowMs: number | null): number {
  if (survey.endedAt) return Date.parse(survey.endedAt);
  return nowMs ?? Date.parse(survey.at);
}

export function silenceOfMeter(meter: SurveyMeterView, atMs: number): Silence | null {
  return silenceOf(
    Date.parse(meter.lastSeen),
    meter.intervalS === null ? null : meter.intervalS * 1000,
    atMs,
  );
}

/** A survey row with `silent` judged at `atMs`. */
export function withSilenceAt(meter: SurveyMeterView, atMs: number): SurveyMeterView {
  const silent = silenceOfMeter(meter, atMs)?.silent ?? false;
  return silent === meter.silent ? meter : { ...meter, silent };
}

export interface SilentMeter {
  meter: SurveyMeterView;
  silence: Silence;
}

/** The monitored meters silent for SILENT_AFTER_INTERVALS of their intervals, by id. */
export function silentMonitoredMeters(
  survey: SurveyView | null,
  nowMs: number | null,
): Map<string, SilentMeter> {
  const silent = new Map<string, SilentMeter>();
  if (!survey) return silent;
  const at = judgedAt(survey, nowMs);
  for (const meter of survey.meters) {
    if (!meter.monitored) continue;
    const silence = silenceOfMeter(meter, at);
    if (silence?.silent) silent.set(meter.deviceId, { meter, silence });
  }
  return silent;
}

/** "silent for 1 min 4 s: 4 of its 16 s intervals without a telegram (last heard 12:03:04)" */
export function silenceInWords({ meter, silence }: SilentMeter): string {
  return (
    `silent for ${formatDuration(silence.forMs)}: ${silence.intervals} of its ${formatDuration(silence.intervalMs)} ` +
    `intervals without a telegram (last heard ${formatClock(meter.lastSeen)})`
  );
}

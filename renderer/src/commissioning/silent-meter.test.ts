import { describe, expect, it } from 'vitest';
import { SILENT_AFTER_INTERVALS } from '../../../shared/survey-rules';
import { runningDemo } from '../test-support/realistic';
import { SURVEY_T0, surveyMeter, surveyOf } from '../survey/test-survey';
import { checklist, emptyFacts, withStatus } from './checklist';
import { buildRecord } from './record';

// A monitored meter silent for three of its intervals fails "Meter heard" on the checklist and is
// written in the record, with the interval in words; a neighbour's silence is nobody's business here.

const DEMO = '32666857';
const LAST_HEARD = SURVEY_T0 + 80_000; // every 16 s until then
const iso = (ms: number) => new Date(ms).toISOString();

const statusWithSurvey = (monitored: boolean) =>
  runningDemo({
    survey: surveyOf([surveyMeter(DEMO, { monitored, keyHeld: monitored })], LAST_HEARD + 1000),
  });

const meterStep = (monitored: boolean, nowMs: number | null) => {
  const facts = withStatus(emptyFacts(), statusWithSurvey(monitored), iso(LAST_HEARD));
  return checklist(facts, nowMs).find((s) => s.id === 'meter')!;
};

describe('a monitored meter gone silent', () => {
  it('fails "Meter heard" after three of its intervals, saying for how long in its own intervals', () => {
    expect(SILENT_AFTER_INTERVALS).toBe(3);
    expect(meterStep(true, LAST_HEARD + 47_999).state).toBe('ok');
    const step = meterStep(true, LAST_HEARD + 64_000);
    expect(step.state).toBe('error');
    expect(step.reason).toMatch(
      /^Meter 32666857 silent for 1 min 4 s: 4 of its 16 s intervals without a telegram \(last heard \d\d:\d\d:\d\d\)\.$/,
    );
  });

  it('judges as of the last snapshot when no clock is given (the store stamping green steps)', () => {
    expect(meterStep(true, null).state).toBe('ok');
  });

  it('leaves the checklist alone for a silent meter nobody monitors', () => {
    expect(meterStep(false, LAST_HEARD + 600_000).state).toBe('ok');
  });

  it('writes the silence into the record, with the interval', () => {
    const status = statusWithSurvey(true);
    const record = buildRecord(status, [], iso(LAST_HEARD + 50_000));
    expect(record.meters[0]).toMatchObject({
      deviceId: DEMO,
      intervalS: 16,
      silent: { forS: 50, intervals: 3, text: expect.stringContaining('3 of its 16 s intervals') },
    });
    expect(buildRecord(status, [], iso(LAST_HEARD + 20_000)).meters[0]).toMatchObject({ silent: null });
  });
});

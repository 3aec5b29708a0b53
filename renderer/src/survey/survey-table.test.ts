import { describe, expect, it } from 'vitest';
import { SurveySchema } from '../../../shared/survey';
import { SIGNAL_BANDS_SOURCE } from '../../../shared/survey-rules';
import {
  DEFAULT_QUERY,
  EXPORT_FIELDS,
  filterMeters,
  SURVEY_COLUMNS,
  sortMeters,
  surveyCsv,
  surveyFileName,
  surveyJson,
  surveyRows,
} from './survey-table';
import { farWaterMeter, SURVEY_T0, surveyMeter, surveyOf } from './test-survey';

const near = surveyMeter('32666857', { monitored: true, keyHeld: true, rssiMeanDbm: -62.5, telegrams: 40 });
const next = surveyMeter('32666901', { rssiMeanDbm: -82.4, verdict: 'fair', telegrams: 38, missed: 2 });
const far = farWaterMeter({ telegrams: 20 });
const mute = surveyMeter('11112222', {
  rssiMeanDbm: null,
  rssiLastDbm: null,
  verdict: 'unknown',
  intervalS: null,
});
const ALL = [near, next, far, mute];
const ids = (rows: Array<{ deviceId: string }>) => rows.map((r) => r.deviceId);

describe('sortMeters', () => {
  it('sorts by every column both ways, unknown values last either way', () => {
    const order = (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : typeof a === 'boolean' && typeof b === 'boolean'
          ? Number(a) - Number(b)
          : String(a).localeCompare(String(b));
    const varied = [...ALL, { ...far, deviceId: '99990000', silent: true, monitored: true, version: 0x1b }];
    for (const column of SURVEY_COLUMNS) {
      for (const direction of ['ascending', 'descending'] as const) {
        const values = sortMeters(varied, { column: column.id, direction }).map((m) => column.sortValue(m));
        const firstNull = values.indexOf(null);
        const known = firstNull === -1 ? values : values.slice(0, firstNull);
        if (firstNull !== -1) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
        const sign = direction === 'ascending' ? 1 : -1;
        known.forEach((v, i) => i > 0 && expect(sign * order(known[i - 1], v)).toBeLessThanOrEqual(0));
      }
    }
  });

  it('puts the strongest first by mean RSSI descending, the weakest first ascending', () => {
    expect(ids(sortMeters(ALL, { column: 'rssiMeanDbm', direction: 'descending' }))).toEqual([
      '32666857',
      '32666901',
      '67204188',
      '11112222',
    ]);
    expect(ids(sortMeters(ALL, { column: 'rssiMeanDbm', direction: 'ascending' }))).toEqual([
      '67204188',
      '32666901',
      '32666857',
      '11112222',
    ]);
  });

  it('orders the verdict from good to poor, and numbers as numbers', () => {
    expect(ids(sortMeters(ALL, { column: 'verdict', direction: 'ascending' }))).toEqual([
      '32666857',
      '32666901',
      '67204188',
      '11112222',
    ]);
    const telegrams = sortMeters(ALL, { column: 'telegrams', direction: 'descending' }).map(
      (m) => m.telegrams,
    );
    expect(telegrams).toEqual([40, 38, 20, 6]);
    expect(ids(sortMeters(ALL, { column: 'medium', direction: 'ascending' }))[0]).toBe('67204188');
  });
});

describe('filterMeters', () => {
  it('matches text in the id, manufacturer, medium and driver, in any case', () => {
    expect(ids(filterMeters(ALL, '3266', 'all'))).toEqual(['32666857', '32666901']);
    expect(ids(filterMeters(ALL, 'WATER', 'all'))).toEqual(['67204188']);
    expect(ids(filterMeters(ALL, 'flowiq', 'all'))).toEqual(['67204188']);
    expect(filterMeters(ALL, 'gas', 'all')).toEqual([]);
  });

  it('shows monitored only, not monitored, or silent meters', () => {
    const silent = { ...far, silent: true };
    const meters = [near, next, silent];
    expect(ids(filterMeters(meters, '', 'monitored'))).toEqual(['32666857']);
    expect(ids(filterMeters(meters, '', 'not-monitored'))).toEqual(['32666901', '67204188']);
    expect(ids(filterMeters(meters, '', 'silent'))).toEqual(['67204188']);
    expect(ids(filterMeters(meters, '3266', 'not-monitored'))).toEqual(['32666901']);
  });
});

describe('surveyRows', () => {
  it('judges silence against the window clock, so a meter goes silent without a new snapshot', () => {
    // Last heard at T0 + 80 s, every 16 s: silent from T0 + 128 s.
    const survey = surveyOf([near], SURVEY_T0 + 90_000);
    const at = (ms: number) => surveyRows(survey, { ...DEFAULT_QUERY, filter: 'silent' }, ms);
    expect(at(SURVEY_T0 + 127_999)).toEqual([]);
    expect(ids(at(SURVEY_T0 + 128_000))).toEqual(['32666857']);
  });

  it('judges a stopped survey at its end, however late the window looks', () => {
    const survey = surveyOf([near], SURVEY_T0 + 90_000, {
      endedAt: new Date(SURVEY_T0 + 100_000).toISOString(),
    });
    expect(surveyRows(survey, { ...DEFAULT_QUERY, filter: 'silent' }, SURVEY_T0 + 3_600_000)).toEqual([]);
  });
});

describe('exports', () => {
  it('writes CSV with every field, quoting what needs it and defusing spreadsheet formulas', () => {
    const odd = surveyMeter('00000001', {
      manufacturer: '@AB',
      medium: 'A/D converter, "raw"',
      frameKinds: ['long', 'compact'],
    });
    const csv = surveyCsv([near, odd]);
    const [header, first, second] = csv.split('\r\n');
    expect(header).toBe(EXPORT_FIELDS.join(','));
    expect(first!.split(',')).toHaveLength(EXPORT_FIELDS.length);
    expect(first).toContain(',-62.5,');
    expect(first).toContain(',true,');
    expect(second).toContain(`,'@AB,`);
    expect(second).toContain(',"A/D converter, ""raw""",');
    expect(second).toContain(',long+compact,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes JSON with the rows, the survey bounds and the verdict bands with their source', () => {
    const survey = surveyOf([near, far]);
    const json = JSON.parse(surveyJson(survey, [far], '2026-11-25T12:05:00.000Z'));
    expect(json.meters).toEqual([far]);
    expect(json.survey).toMatchObject({ maxMeters: 500, maxGaps: 64, startedAt: survey.startedAt });
    expect(json.signalBands).toEqual([
      { verdict: 'good', minDbm: -80 },
      { verdict: 'fair', minDbm: -90 },
      { verdict: 'weak', minDbm: -100 },
      { verdict: 'poor', minDbm: null },
    ]);
    expect(json.signalBandsSource).toBe(SIGNAL_BANDS_SOURCE);
    expect(json.silentAfterIntervals).toBe(3);
    expect(SurveySchema.shape.meters.parse(json.meters)).toEqual([far]);
  });

  it('names the files by the moment of export, without colons', () => {
    expect(surveyFileName('2026-11-25T12:05:09.123Z', 'csv')).toBe('meters-in-range-2026-11-25T12-05-09.csv');
    expect(surveyFileName('2026-11-25T12:05:09.123Z', 'json')).toBe(
      'meters-in-range-2026-11-25T12-05-09.json',
    );
  });
});

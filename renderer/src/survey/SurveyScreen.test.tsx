// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SurveyView } from '../../../shared/survey';
import { SIGNAL_BANDS_SOURCE } from '../../../shared/survey-rules';
import { okResult } from '../test-support/fake-api';
import { runningDemo, stopped } from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { SurveyScreen } from './SurveyScreen';
import { farWaterMeter, SURVEY_T0, surveyMeter, surveyOf } from './test-survey';

afterEach(cleanup);

const iso = (ms: number) => new Date(ms).toISOString();
// Stopped 200 s after T0: a 16 s meter last heard at T0 + 80 s is silent, one heard at T0 + 190 s is not.
const SURVEY: SurveyView = surveyOf(
  [
    surveyMeter('32666857', {
      monitored: true,
      keyHeld: true,
      frameKinds: ['long', 'compact'],
      telegrams: 12,
      lastSeen: iso(SURVEY_T0 + 190_000),
    }),
    surveyMeter('32666901', {
      rssiMeanDbm: -82.4,
      verdict: 'fair',
      telegrams: 11,
      lastSeen: iso(SURVEY_T0 + 192_000),
    }),
    surveyMeter('32667012', { rssiMeanDbm: -72.5, telegrams: 5 }),
    farWaterMeter({ telegrams: 6, lastSeen: iso(SURVEY_T0 + 180_000) }),
  ],
  SURVEY_T0 + 200_000,
  { endedAt: iso(SURVEY_T0 + 200_000) },
);

function show(survey: SurveyView | null) {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(survey ? { ...stopped(), survey } : stopped()));
  renderScreen(<SurveyScreen />, fake);
}

const order = () =>
  [...document.querySelectorAll('tr[data-survey-meter]')].map((r) => r.getAttribute('data-survey-meter'));
const header = (name: RegExp) => screen.getByRole('button', { name });

describe('Meters in range screen', () => {
  it('says how to begin before any Start', async () => {
    show(null);
    await waitFor(() => expect(screen.getByText(/Start the gateway on the Live gateway tab/)).toBeTruthy());
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists every meter, strongest first, with the verdict and its thresholds and source', async () => {
    show(SURVEY);
    await waitFor(() => expect(order()).toHaveLength(4));
    expect(order()).toEqual(['32666857', '32667012', '32666901', '67204188']);
    const first = document.querySelector('tr[data-survey-meter="32666857"]') as HTMLElement;
    expect(within(first).getByText('long+compact')).toBeTruthy();
    expect(within(first).getByText('held')).toBeTruthy();
    expect(first.getAttribute('data-monitored')).toBe('true');
    expect(document.querySelector('tr[data-survey-meter="67204188"] [data-verdict="weak"]')).toBeTruthy();
    expect(screen.getByText(/−80 dBm or stronger/)).toBeTruthy();
    expect(screen.getByText(/−100 to −90 dBm/)).toBeTruthy();
    expect(screen.getByText(SIGNAL_BANDS_SOURCE)).toBeTruthy();
    expect(screen.getByText(/4 meters · 1 monitored · 1 silent/)).toBeTruthy();
  });

  it('sorts by a column header, the other way round on a second click', async () => {
    show(SURVEY);
    await waitFor(() => expect(order()).toHaveLength(4));
    fireEvent.click(header(/^Telegrams/));
    expect(order()).toEqual(['32667012', '67204188', '32666901', '32666857']);
    expect(
      header(/^Telegrams/)
        .closest('th')!
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    fireEvent.click(header(/^Telegrams/));
    expect(order()).toEqual(['32666857', '32666901', '67204188', '32667012']);
    expect(
      header(/^Telegrams/)
        .closest('th')!
        .getAttribute('aria-sort'),
    ).toBe('descending');
    fireEvent.click(header(/^Interval/));
    expect(order().at(-1)).toBe('67204188');
  });

  it('filters by text and to monitored, not monitored or silent meters', async () => {
    show(SURVEY);
    await waitFor(() => expect(order()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Filter meters'), { target: { value: 'water' } });
    expect(order()).toEqual(['67204188']);
    fireEvent.change(screen.getByLabelText('Filter meters'), { target: { value: '' } });
    const show_ = screen.getByLabelText('Show');
    fireEvent.change(show_, { target: { value: 'monitored' } });
    expect(order()).toEqual(['32666857']);
    fireEvent.change(show_, { target: { value: 'not-monitored' } });
    expect(order()).toHaveLength(3);
    fireEvent.change(show_, { target: { value: 'silent' } });
    expect(order()).toEqual(['32667012']);
    expect(document.querySelector('tr[data-survey-meter="32667012"] .chip.warn')!.textContent).toBe('2 min');
    expect(screen.getByText('1 of 4 shown')).toBeTruthy();
  });

  describe('exports', () => {
    const saved: Blob[] = [];
    beforeEach(() => {
      saved.length = 0;
      URL.createObjectURL = vi.fn((blob: Blob) => (saved.push(blob), 'blob:survey'));
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    });

    it('saves the rows shown as CSV and as JSON, named by the moment', async () => {
      show(SURVEY);
      await waitFor(() => expect(order()).toHaveLength(4));
      fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'not-monitored' } });
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      const csv = await saved[0]!.text();
      expect(csv.split('\r\n')[0]).toMatch(/^deviceId,manufacturer,medium,/);
      expect(csv.trim().split('\r\n')).toHaveLength(4);
      expect(csv).not.toContain('32666857');
      fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
      const json = JSON.parse(await saved[1]!.text()) as {
        meters: Array<{ deviceId: string; silent: boolean }>;
      };
      expect(json.meters.map((m) => m.deviceId)).toEqual(['32667012', '32666901', '67204188']);
      expect(json.meters.find((m) => m.deviceId === '32667012')!.silent).toBe(true);
    });
  });
});

describe('Live gateway card of a monitored meter gone silent', () => {
  it('is flagged with how long, in its own intervals', async () => {
    const { LiveScreen } = await import('../live/LiveScreen');
    const now = Date.now();
    const survey = surveyOf(
      [
        surveyMeter('32666857', {
          monitored: true,
          keyHeld: true,
          lastSeen: iso(now - 70_000),
          firstSeen: iso(now - 200_000),
        }),
      ],
      now - 60_000,
      { startedAt: iso(now - 200_000) },
    );
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => okResult(runningDemo({ survey })));
    renderScreen(<LiveScreen />, fake);
    const card = await waitFor(() => {
      const found = document.querySelector('[data-meter-id="32666857"] [data-silent="true"]');
      expect(found).toBeTruthy();
      return found!;
    });
    expect(card.textContent).toMatch(
      /^Silent: silent for 1 min 1\d s: 4 of its 16 s intervals without a telegram/,
    );
  });
});

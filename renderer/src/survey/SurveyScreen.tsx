import { useMemo, useState } from 'react';
import type { SurveyView } from '../../../shared/survey';
import { downloadText } from '../common/download';
import { formatClock } from '../common/format';
import { judgedAt, silenceOfMeter } from '../common/silence';
import { useNow } from '../common/useNow';
import { useGatewayStatus } from '../store/hooks';
import { SignalLegend } from './SignalLegend';
import {
  DEFAULT_QUERY,
  SURVEY_FILTERS,
  surveyCsv,
  surveyFileName,
  surveyJson,
  surveyRows,
  type SurveyFilter,
  type SurveyQuery,
} from './survey-table';
import { SurveyTable } from './SurveyTable';
import './survey.css';

/** "Meters in range": every meter the stick hears since Start, sortable, filterable, exportable. */
export function SurveyScreen() {
  const { value: status, error } = useGatewayStatus();
  const survey = status?.survey ?? null;
  const now = useNow();
  const [query, setQuery] = useState<SurveyQuery>(DEFAULT_QUERY);
  const rows = useMemo(() => (survey ? surveyRows(survey, query, now) : []), [survey, query, now]);

  const exportAs = (extension: 'csv' | 'json') => {
    if (!survey) return;
    const at = new Date().toISOString();
    const name = surveyFileName(at, extension);
    if (extension === 'csv') downloadText(name, surveyCsv(rows), 'text/csv');
    else downloadText(name, surveyJson(survey, rows, at), 'application/json');
  };

  return (
    <div className="survey">
      <section className="panel card" aria-labelledby="survey-title">
        <div className="card-head">
          <h2 id="survey-title">Meters in range</h2>
          <span className="muted" data-survey-summary>
            {survey ? summary(survey, now) : 'nothing heard yet'}
          </span>
        </div>
        {error && <p className="error-text">Could not read the gateway status: {error.message}</p>}
        <div className="survey-controls">
          <input
            type="search"
            aria-label="Filter meters"
            placeholder="Filter: id, manufacturer, medium, driver"
            value={query.text}
            onChange={(e) => setQuery({ ...query, text: e.target.value })}
          />
          <select
            aria-label="Show"
            value={query.filter}
            onChange={(e) => setQuery({ ...query, filter: e.target.value as SurveyFilter })}
          >
            {SURVEY_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
          <span className="muted" data-survey-shown={rows.length}>
            {survey ? `${rows.length} of ${survey.meters.length} shown` : ''}
          </span>
          <button type="button" disabled={!survey} onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" disabled={!survey} onClick={() => exportAs('json')}>
            Export JSON
          </button>
        </div>
        {!survey ? (
          <p className="empty">
            Start the gateway on the Live gateway tab: every meter the stick hears, monitored or not, is
            listed here with its signal, its send interval and the telegrams it missed.
          </p>
        ) : rows.length === 0 ? (
          <p className="empty">
            {survey.meters.length === 0 ? 'No meter heard yet.' : 'No meter matches the filter.'}
          </p>
        ) : (
          <SurveyTable
            meters={rows}
            sort={query.sort}
            onSort={(sort) => setQuery({ ...query, sort })}
            judgedAt={judgedAt(survey, now)}
          />
        )}
        <SignalLegend />
        {survey && <Bounds survey={survey} />}
      </section>
    </div>
  );
}

function summary(survey: SurveyView, now: number): string {
  const at = judgedAt(survey, now);
  const silent = survey.meters.filter((m) => silenceOfMeter(m, at)?.silent);
  const monitored = survey.meters.filter((m) => m.monitored).length;
  const since = survey.endedAt
    ? `heard ${formatClock(survey.startedAt)}–${formatClock(survey.endedAt)}`
    : `listening since ${formatClock(survey.startedAt)}`;
  return `${survey.meters.length} meters · ${monitored} monitored · ${silent.length} silent · ${since}`;
}

function Bounds({ survey }: { survey: SurveyView }) {
  return (
    <p className="muted survey-bounds">
      Memory is bounded: up to {survey.maxMeters} meters (beyond that the least recently heard unmonitored one
      is dropped{survey.evicted > 0 ? `; ${survey.evicted} dropped so far` : ''}) and the last{' '}
      {survey.maxGaps} gaps of each.
      {survey.unreadable > 0 && ` ${survey.unreadable} frames were too short to name a meter.`}
    </p>
  );
}

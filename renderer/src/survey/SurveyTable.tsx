import type { SurveyMeterView } from '../../../shared/survey';
import { silenceOfMeter } from '../common/silence';
import { SurveyCells } from './cells';
import { SURVEY_COLUMNS, type SurveySort } from './survey-table';

const UNITS: Record<string, string> = {
  rssiLastDbm: 'dBm',
  rssiMinDbm: 'dBm',
  rssiMeanDbm: 'dBm',
  rssiMaxDbm: 'dBm',
};

/** The meters as a table whose every column header sorts (again: the other way round). */
export function SurveyTable({
  meters,
  sort,
  onSort,
  judgedAt,
}: {
  meters: SurveyMeterView[];
  sort: SurveySort;
  onSort(sort: SurveySort): void;
  /** When silence was judged: how long each silent meter has been quiet. */
  judgedAt: number;
}) {
  const toggle = (column: string) =>
    onSort({
      column,
      direction: sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending',
    });
  return (
    <div className="survey-scroll">
      <table className="survey-table" aria-label="Meters in range">
        <thead>
          <tr>
            {SURVEY_COLUMNS.map((c) => {
              const sorted = sort.column === c.id;
              return (
                <th key={c.id} scope="col" aria-sort={sorted ? sort.direction : 'none'} data-column={c.id}>
                  <button type="button" className="sort" onClick={() => toggle(c.id)}>
                    {c.title}
                    {UNITS[c.id] && <span className="muted"> {UNITS[c.id]}</span>}
                    <span aria-hidden="true">
                      {sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {meters.map((m) => (
            <tr
              key={m.deviceId}
              data-survey-meter={m.deviceId}
              data-monitored={m.monitored}
              data-silent={m.silent}
              data-verdict={m.verdict}
            >
              <SurveyCells meter={m} silentForMs={silenceOfMeter(m, judgedAt)?.forMs ?? null} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

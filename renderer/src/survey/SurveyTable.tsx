import type { SurveyMeterView } from '../../../shared/survey';
import { silenceOfMeter } from '../common/silence';
import { SurveyCells } from './cells';
import { SURVEY_COLUMNS, type SurveySort } from './survey-table';

/** What a short header means in full: its tooltip and accessible description. */
const HINTS: Record<string, string> = {
  manufacturer: 'manufacturer (three-letter FLAG id)',
  version: 'version byte of the link header',
  keyHeld: 'whether a key is held for the meter',
  rssiLastDbm: 'last RSSI, dBm',
  rssiMinDbm: 'lowest RSSI, dBm',
  rssiMeanDbm: 'mean RSSI, dBm: the verdict is judged on it',
  rssiMaxDbm: 'highest RSSI, dBm',
  firstSeen: 'first seen',
  lastSeen: 'last seen',
  intervalS: 'send interval: the median gap between telegrams',
  missed: 'telegrams missed against that interval',
  monitored: 'monitored',
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
                  <button type="button" className="sort" title={HINTS[c.id]} onClick={() => toggle(c.id)}>
                    {c.title}
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

// The Meters in range table as data: its columns, sorting, filtering and the CSV and JSON exports.
// Pure; the screen keeps the choices and the clock.
import { SIGNAL_VERDICTS, type SurveyMeterView, type SurveyView } from '../../../shared/survey';
import { SIGNAL_BANDS, SIGNAL_BANDS_SOURCE, SILENT_AFTER_INTERVALS } from '../../../shared/survey-rules';
import { judgedAt, withSilenceAt } from '../common/silence';

type Cell = string | number | boolean | null;

export interface SurveyColumn {
  id: string;
  title: string;
  /** What the column sorts by. */
  sortValue(meter: SurveyMeterView): Cell;
}

const verdictRank = (m: SurveyMeterView) => SIGNAL_VERDICTS.indexOf(m.verdict);

/** The table's columns, in order; every one sorts. */
export const SURVEY_COLUMNS: readonly SurveyColumn[] = [
  { id: 'deviceId', title: 'Meter', sortValue: (m) => m.deviceId },
  { id: 'manufacturer', title: 'Manuf.', sortValue: (m) => m.manufacturer },
  { id: 'medium', title: 'Medium', sortValue: (m) => m.medium },
  { id: 'driver', title: 'Driver', sortValue: (m) => m.driver },
  { id: 'version', title: 'Ver.', sortValue: (m) => m.version },
  { id: 'encryption', title: 'Encryption', sortValue: (m) => m.encryption },
  { id: 'keyHeld', title: 'Key', sortValue: (m) => m.keyHeld },
  { id: 'frameKinds', title: 'Frames', sortValue: (m) => m.frameKinds.join('+') || null },
  { id: 'rssiLastDbm', title: 'RSSI', sortValue: (m) => m.rssiLastDbm },
  { id: 'rssiMinDbm', title: 'min', sortValue: (m) => m.rssiMinDbm },
  { id: 'rssiMeanDbm', title: 'mean', sortValue: (m) => m.rssiMeanDbm },
  { id: 'rssiMaxDbm', title: 'max', sortValue: (m) => m.rssiMaxDbm },
  // Best signal first when ascending, like the dBm columns read from strong to weak when descending.
  { id: 'verdict', title: 'Signal', sortValue: (m) => (m.verdict === 'unknown' ? null : verdictRank(m)) },
  { id: 'telegrams', title: 'Telegrams', sortValue: (m) => m.telegrams },
  { id: 'firstSeen', title: 'First', sortValue: (m) => m.firstSeen },
  { id: 'lastSeen', title: 'Last', sortValue: (m) => m.lastSeen },
  { id: 'intervalS', title: 'Interval', sortValue: (m) => m.intervalS },
  { id: 'missed', title: 'Missed', sortValue: (m) => m.missed },
  { id: 'monitored', title: 'Monit.', sortValue: (m) => m.monitored },
  { id: 'silent', title: 'Silent', sortValue: (m) => m.silent },
];

export type SurveyFilter = 'all' | 'monitored' | 'not-monitored' | 'silent';
export const SURVEY_FILTERS: ReadonlyArray<{ value: SurveyFilter; label: string }> = [
  { value: 'all', label: 'All meters' },
  { value: 'monitored', label: 'Monitored only' },
  { value: 'not-monitored', label: 'Not monitored' },
  { value: 'silent', label: 'Silent' },
];

export interface SurveySort {
  column: string;
  direction: 'ascending' | 'descending';
}

export interface SurveyQuery {
  text: string;
  filter: SurveyFilter;
  sort: SurveySort;
}

export const DEFAULT_QUERY: SurveyQuery = {
  text: '',
  filter: 'all',
  sort: { column: 'rssiMeanDbm', direction: 'descending' },
};

/** Ascending order of two cells; unknown values always go last, whichever the direction. */
function compare(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

export function sortMeters(meters: readonly SurveyMeterView[], sort: SurveySort): SurveyMeterView[] {
  const column = SURVEY_COLUMNS.find((c) => c.id === sort.column) ?? SURVEY_COLUMNS[0]!;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...meters].sort((x, y) => {
    const a = column.sortValue(x);
    const b = column.sortValue(y);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return sign * compare(a, b) || x.deviceId.localeCompare(y.deviceId);
  });
}

/** Text matches the id, manufacturer, medium and driver; the filter picks monitored, unmonitored or silent. */
export function filterMeters(
  meters: readonly SurveyMeterView[],
  text: string,
  filter: SurveyFilter,
): SurveyMeterView[] {
  const needle = text.trim().toLowerCase();
  return meters.filter((m) => {
    if (filter === 'monitored' && !m.monitored) return false;
    if (filter === 'not-monitored' && m.monitored) return false;
    if (filter === 'silent' && !m.silent) return false;
    if (!needle) return true;
    return [m.deviceId, m.manufacturer, m.medium, m.driver, m.driverLabel].some((field) =>
      field.toLowerCase().includes(needle),
    );
  });
}

/** The rows shown: silence judged at `nowMs` (or the survey's end), then filtered and sorted. */
export function surveyRows(survey: SurveyView, query: SurveyQuery, nowMs: number): SurveyMeterView[] {
  const at = judgedAt(survey, nowMs);
  const judged = survey.meters.map((m) => withSilenceAt(m, at));
  return sortMeters(filterMeters(judged, query.text, query.filter), query.sort);
}

/** Every field of a row, in the order of the schema: the CSV's columns and the JSON's keys. */
export const EXPORT_FIELDS: ReadonlyArray<keyof SurveyMeterView> = [
  'deviceId',
  'manufacturer',
  'medium',
  'deviceType',
  'version',
  'driver',
  'driverLabel',
  'monitored',
  'encryption',
  'encrypted',
  'keyHeld',
  'frameKinds',
  'rssiLastDbm',
  'rssiMinDbm',
  'rssiMeanDbm',
  'rssiMaxDbm',
  'telegrams',
  'duplicates',
  'firstSeen',
  'lastSeen',
  'intervalS',
  'missed',
  'silent',
  'verdict',
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @ first, e.g. a garbled manufacturer code "@AB") gets a
 * leading apostrophe; numbers stay numbers.
 */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = Array.isArray(value) ? value.join('+') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function surveyCsv(meters: readonly SurveyMeterView[]): string {
  const lines = [
    EXPORT_FIELDS.join(','),
    ...meters.map((m) => EXPORT_FIELDS.map((f) => csvField(m[f])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The rows shown, with when and how they were gathered and the verdict's bands and their source. */
export function surveyJson(
  survey: SurveyView,
  meters: readonly SurveyMeterView[],
  exportedAt: string,
): string {
  const { startedAt, endedAt, maxMeters, maxGaps, evicted, unreadable } = survey;
  const document = {
    exportedAt,
    survey: { startedAt, endedAt, maxMeters, maxGaps, evicted, unreadable },
    silentAfterIntervals: SILENT_AFTER_INTERVALS,
    signalBands: SIGNAL_BANDS.map(({ verdict, minDbm }) => ({ verdict, minDbm })),
    signalBandsSource: SIGNAL_BANDS_SOURCE,
    meters: meters.map((m) => Object.fromEntries(EXPORT_FIELDS.map((f) => [f, m[f]]))),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `meters-in-range-2026-11-25T12-00-05.csv`: sortable, and safe on Windows, macOS and Linux. */
export function surveyFileName(exportedAt: string, extension: 'csv' | 'json'): string {
  return `meters-in-range-${exportedAt.slice(0, 19).replace(/:/g, '-')}.${extension}`;
}

// Public API of the survey of meters in range (docs/ARCHITECTURE.md § Meters in range).
export { GapHistory, intervalOf, MIN_GAPS, missedIn } from './intervals';
export {
  MeterSurvey,
  SURVEY_MAX_GAPS,
  SURVEY_MAX_METERS,
  type MeterSurveyOptions,
  type SurveyTelegram,
} from './survey';
export { REPEAT_WINDOW_MS } from './surveyed-meter';

// Builders for the survey's tests: rows and snapshots shaped as the core sends them.
import type { SurveyMeterView, SurveyView } from '../../../shared/survey';

export const SURVEY_T0 = Date.parse('2026-11-25T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A meter heard every 16 s from T0 for 80 s, good signal, not monitored; override what a test needs. */
export function surveyMeter(deviceId: string, change: Partial<SurveyMeterView> = {}): SurveyMeterView {
  return {
    deviceId,
    manufacturer: 'KAM',
    medium: 'electricity',
    deviceType: 2,
    version: 0x30,
    driver: 'omnipower',
    driverLabel: 'Kamstrup OmniPower electricity meter',
    monitored: false,
    encryption: 'aes-ctr',
    encrypted: true,
    keyHeld: false,
    frameKinds: [],
    rssiLastDbm: -62,
    rssiMinDbm: -64,
    rssiMeanDbm: -62.5,
    rssiMaxDbm: -60,
    telegrams: 6,
    duplicates: 0,
    firstSeen: iso(SURVEY_T0),
    lastSeen: iso(SURVEY_T0 + 80_000),
    intervalS: 16,
    missed: 0,
    silent: false,
    verdict: 'good',
    ...change,
  };
}

/** A survey listening since T0, its snapshot taken at `atMs`. */
export function surveyOf(
  meters: SurveyMeterView[],
  atMs = SURVEY_T0 + 90_000,
  change: Partial<SurveyView> = {},
): SurveyView {
  return {
    startedAt: iso(SURVEY_T0),
    endedAt: null,
    at: iso(atMs),
    meters,
    maxMeters: 500,
    maxGaps: 64,
    evicted: 0,
    unreadable: 0,
    ...change,
  };
}

/** The demo's far neighbour: a Multical 21 next door, heard weakly, every 32 s. */
export const farWaterMeter = (change: Partial<SurveyMeterView> = {}): SurveyMeterView =>
  surveyMeter('67204188', {
    medium: 'cold water',
    driver: 'multical21',
    driverLabel: 'Kamstrup Multical 21 / flowIQ water meter',
    rssiMeanDbm: -95,
    verdict: 'weak',
    intervalS: 32,
    ...change,
  });

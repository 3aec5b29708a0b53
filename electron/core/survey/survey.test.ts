import { describe, expect, it } from 'vitest';
import { SurveySchema, type SurveyMeterView } from '../../../shared/survey';
import { schemaProblems } from '../../../shared/test-support/boundary-checks';
import { encodeMultical21Telegram, encodeOmniPowerTelegram, type FrameKind } from '../wmbus';
import { MeterSurvey, type MeterSurveyOptions } from './survey';

// The survey with an injected clock: several meters at different signal and intervals, a missed
// and a repeated telegram, one meter going silent, and the bounds on memory.

const KEY = Buffer.alloc(16, 0x5a);
const S = 1000;
const T0 = Date.parse('2026-11-25T10:00:00Z');

/** An OmniPower telegram; each access number gives different bytes, as on air. */
const omni = (id: string, accessNumber: number, kind: FrameKind = 'long') =>
  encodeOmniPowerTelegram({
    id,
    key: KEY,
    accessNumber: accessNumber & 0xff,
    kind,
    values: { aPlusWh10: 100 + accessNumber, aMinusWh10: 0, pPlusW: 500, pMinusW: 0 },
  });

const water = (id: string, accessNumber: number) =>
  encodeMultical21Telegram({
    id,
    key: KEY,
    accessNumber,
    kind: 'long',
    reading: {
      infoCodes: 0,
      totalLitres: 10,
      targetLitres: 10,
      flowTemperatureC: 9,
      externalTemperatureC: 20,
    },
  });

function surveyAt(options: MeterSurveyOptions = {}) {
  let now = T0;
  const survey = new MeterSurvey({ clock: () => new Date(now), ...options });
  return {
    survey,
    setNow: (ms: number) => (now = ms),
    hear(frame: Buffer, atMs: number, rssiDbm: number | null, decoded: FrameKind | null = null) {
      survey.hear({
        telegram: { frame, rssiDbm },
        outcome: decoded ? { ok: true, telegram: { frameKind: decoded } } : { ok: false },
        at: new Date(atMs),
      });
    },
  };
}

const meter = (survey: MeterSurvey, id: string): SurveyMeterView => {
  const snapshot = survey.snapshot();
  expect(schemaProblems(SurveySchema, snapshot, 'survey snapshot')).toEqual([]);
  const found = snapshot.meters.find((m) => m.deviceId === id);
  if (!found) throw new Error(`meter ${id} not in the survey`);
  return found;
};

describe('MeterSurvey', () => {
  it('keeps several meters apart, each with its own signal, interval and verdict', () => {
    const { survey, hear, setNow } = surveyAt({
      isMonitored: (id) => id === '32666857',
      hasKey: (id) => id === '32666857',
    });
    for (let i = 0; i < 6; i++)
      hear(
        omni('32666857', i, i === 0 ? 'long' : 'compact'),
        T0 + i * 16 * S,
        -60 - i,
        i === 0 ? 'long' : 'compact',
      );
    for (let i = 0; i < 3; i++) hear(water('67203915', i), T0 + 5 * S + i * 96 * S, -95 + i);
    setNow(T0 + 200 * S);
    const near = meter(survey, '32666857');
    expect(near).toMatchObject({
      manufacturer: 'KAM',
      medium: 'electricity',
      deviceType: 2,
      version: 0x30,
      driver: 'omnipower',
      monitored: true,
      keyHeld: true,
      encryption: 'aes-ctr',
      encrypted: true,
      frameKinds: ['long', 'compact'],
      rssiLastDbm: -65,
      rssiMinDbm: -65,
      rssiMaxDbm: -60,
      rssiMeanDbm: -62.5,
      telegrams: 6,
      duplicates: 0,
      intervalS: 16,
      missed: 0,
      verdict: 'good',
      firstSeen: new Date(T0).toISOString(),
      lastSeen: new Date(T0 + 80 * S).toISOString(),
    });
    const far = meter(survey, '67203915');
    expect(far).toMatchObject({
      medium: 'cold water',
      driver: 'multical21',
      monitored: false,
      keyHeld: false,
      frameKinds: [],
      rssiMeanDbm: -94,
      intervalS: 96,
      verdict: 'weak',
    });
  });

  it('measures the interval through a missed telegram and counts it missed', () => {
    const { survey, hear } = surveyAt();
    for (const i of [0, 1, 2, 4, 5, 6]) hear(omni('11112222', i), T0 + i * 16 * S, -70);
    expect(meter(survey, '11112222')).toMatchObject({ telegrams: 6, intervalS: 16, missed: 1 });
  });

  it('takes a repeated telegram (same bytes within seconds) once, leaving interval and signal alone', () => {
    const { survey, hear } = surveyAt();
    for (let i = 0; i < 4; i++) {
      const frame = omni('11112222', i);
      hear(frame, T0 + i * 16 * S, -70);
      if (i === 2) hear(frame, T0 + i * 16 * S + 300, -40); // through a repeater, much louder
    }
    expect(meter(survey, '11112222')).toMatchObject({
      telegrams: 4,
      duplicates: 1,
      intervalS: 16,
      missed: 0,
      rssiMaxDbm: -70,
    });
  });

  it('counts a different telegram within seconds as a telegram; its short gap does not move the interval', () => {
    const { survey, hear } = surveyAt();
    for (let i = 0; i < 5; i++) hear(omni('11112222', i), T0 + i * 16 * S, -70);
    hear(omni('11112222', 99), T0 + 2 * 16 * S + 500, -70); // e.g. an installation telegram
    expect(meter(survey, '11112222')).toMatchObject({ telegrams: 6, duplicates: 0, intervalS: 16 });
  });

  it('counts identical bytes an interval apart as a new telegram: a meter whose data does not change', () => {
    const { survey, hear } = surveyAt();
    const same = omni('11112222', 7);
    for (let i = 0; i < 4; i++) hear(same, T0 + i * 16 * S, -70);
    expect(meter(survey, '11112222')).toMatchObject({ telegrams: 4, duplicates: 0, intervalS: 16 });
  });

  it('calls a meter silent once three of its intervals passed without a telegram', () => {
    const { survey, hear, setNow } = surveyAt();
    for (let i = 0; i < 4; i++) hear(omni('11112222', i), T0 + i * 16 * S, -70);
    const last = T0 + 3 * 16 * S;
    setNow(last + 48 * S - 1);
    expect(meter(survey, '11112222').silent).toBe(false);
    setNow(last + 48 * S);
    expect(meter(survey, '11112222').silent).toBe(true);
  });

  it('cannot call a meter silent before its interval is measured', () => {
    const { survey, hear, setNow } = surveyAt();
    hear(omni('11112222', 0), T0, -70);
    hear(omni('11112222', 1), T0 + 16 * S, -70);
    setNow(T0 + 3600 * S);
    expect(meter(survey, '11112222')).toMatchObject({ intervalS: null, silent: false, missed: 0 });
  });

  it('judges the signal unknown when the stick attaches no RSSI, and reads kinds from clear headers', () => {
    const { survey, hear } = surveyAt();
    hear(omni('11112222', 0), T0, null);
    expect(meter(survey, '11112222')).toMatchObject({
      rssiLastDbm: null,
      rssiMeanDbm: null,
      verdict: 'unknown',
      frameKinds: [],
    });
  });

  it('asks who is monitored at each snapshot, so a meter added later shows as monitored', () => {
    const monitored = new Set<string>();
    const { survey, hear } = surveyAt({
      isMonitored: (id) => monitored.has(id),
      hasKey: (id) => monitored.has(id),
    });
    hear(omni('11112222', 0), T0, -70);
    expect(meter(survey, '11112222')).toMatchObject({ monitored: false, keyHeld: false });
    monitored.add('11112222');
    expect(meter(survey, '11112222')).toMatchObject({ monitored: true, keyHeld: true });
  });

  it('keeps at most maxMeters, dropping the least recently heard unmonitored meter first', () => {
    const { survey, hear } = surveyAt({ maxMeters: 3, isMonitored: (id) => id === '10000000' });
    hear(omni('10000000', 0), T0, -70); // monitored, heard first
    hear(omni('20000000', 0), T0 + 1 * S, -70);
    hear(omni('30000000', 0), T0 + 2 * S, -70);
    hear(omni('20000000', 1), T0 + 3 * S, -70); // heard again: now more recent than 30000000
    hear(omni('40000000', 0), T0 + 4 * S, -70);
    hear(omni('50000000', 0), T0 + 5 * S, -70);
    const snapshot = survey.snapshot();
    expect(snapshot.meters.map((m) => m.deviceId)).toEqual(['10000000', '40000000', '50000000']);
    expect(snapshot).toMatchObject({ maxMeters: 3, evicted: 2 });
  });

  it('counts frames too short to name a meter, and goes on', () => {
    const { survey, hear } = surveyAt();
    hear(Buffer.from('442d2c', 'hex'), T0, -70);
    hear(omni('11112222', 0), T0 + S, -70);
    expect(survey.snapshot()).toMatchObject({ unreadable: 1, meters: [{ deviceId: '11112222' }] });
  });

  it('stops at end(): later telegrams are ignored and silence is judged at the end', () => {
    const { survey, hear, setNow } = surveyAt();
    for (let i = 0; i < 4; i++) hear(omni('11112222', i), T0 + i * 16 * S, -70);
    setNow(T0 + 50 * S);
    survey.end();
    hear(omni('11112222', 9), T0 + 60 * S, -70);
    setNow(T0 + 3600 * S);
    const snapshot = survey.snapshot();
    expect(snapshot.endedAt).toBe(new Date(T0 + 50 * S).toISOString());
    expect(snapshot.at).toBe(snapshot.endedAt);
    expect(snapshot.meters[0]).toMatchObject({ telegrams: 4, silent: false });
  });

  it('holds memory flat however long it listens, and still counts a miss long gone from its gaps', () => {
    const { survey, hear } = surveyAt({ maxGaps: 8 });
    for (let i = 0; i < 2000; i++) if (i !== 100) hear(omni('11112222', i), T0 + i * 16 * S, -70);
    expect(meter(survey, '11112222')).toMatchObject({ telegrams: 1999, intervalS: 16, missed: 1 });
    expect(survey.snapshot().maxGaps).toBe(8);
  });
});

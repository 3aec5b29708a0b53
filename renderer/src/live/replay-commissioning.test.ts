import { describe, expect, it } from 'vitest';
import type { ReplayStatusView } from '../../../shared/capture';
import { checklist, emptyFacts, withStatus } from '../commissioning/checklist';
import { buildRecord } from '../commissioning/record';
import { runningDemo, stopped } from '../test-support/realistic';

// A replay fills the Live gateway's cards like a live run, but it is yesterday's recording: it
// must not tick a commissioning step or put its meters into the commissioning record.

const REPLAY: ReplayStatusView = {
  file: '/captures/capture-2026-12-06T22-50-25Z.gdcap.gz',
  format: 'gdcap',
  recordedAt: '2026-12-06T22:50:25.000Z',
  recordedWith: null,
  speed: null,
  paused: false,
  finished: true,
  telegrams: 40,
  positionMs: 60_000,
  problems: [],
  problemCount: 0,
};

describe('a replay and the commissioning checklist', () => {
  it('turns no step green and gives the record no meters', () => {
    const now = '2026-12-07T08:00:00.000Z';
    const live = withStatus(emptyFacts(), runningDemo(), now);
    expect(checklist(live).find((s) => s.id === 'key')?.state).toBe('ok');

    const replaying = {
      ...stopped(),
      meters: runningDemo().meters,
      stick: { state: 'receiving' as const, path: REPLAY.file },
      replay: REPLAY,
    };
    const facts = withStatus(emptyFacts(), replaying, now);
    expect(checklist(facts).filter((s) => s.state === 'ok')).toEqual([]);
    expect(buildRecord(facts.status, checklist(facts), now).meters).toEqual([]);
  });
});

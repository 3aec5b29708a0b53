import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaptureListSchema } from '../../../shared/capture';
import { GatewayStatusSchema, type GatewayStatus } from '../../../shared/gateway';
import type { Result } from '../../../shared/ipc/result';
import { scratch, SIMULATION_OMNIPOWER } from '../capture/test-support/telegrams';
import { eventually } from '../mqtt/test-support/fixtures';
import type { AppCore } from './app-core';
import { APP_ORIGIN, createTestAppCore } from './app-core-test-support';
import { captureFileName } from './capture-service';

// The requests behind the Live gateway screen's capture and replay controls, through the router as
// the renderer sends them: record the running demo into user-data/captures/, list it, replay it.

const tmp = scratch('capture-requests');
let core: AppCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});
afterAll(() => tmp.remove());

function start(
  userDataDir: string | null = tmp.dir,
): (method: string, input?: unknown) => Promise<Result<unknown>> {
  core = createTestAppCore({ userDataDir, demoIntervalMs: 50 });
  return (method, input) => core!.router.handle({ origin: APP_ORIGIN }, method, input);
}

const statusOf = (result: Result<unknown>): GatewayStatus => {
  expect(result).toMatchObject({ ok: true });
  return GatewayStatusSchema.parse((result as { value: unknown }).value);
};

describe('capture and replay requests', () => {
  it('names capture files by their UTC start, sortable and without colons', () => {
    expect(captureFileName(new Date('2026-12-06T22:50:25.123Z'))).toBe(
      'capture-2026-12-06T22-50-25Z.gdcap.gz',
    );
  });

  it('records the running demo into captures/, lists it, and replays it read-only through the screens', async () => {
    const call = start();
    expect(await call('capture.start')).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    statusOf(await call('gateway.start', { profile: 'demo', port: 'virtual', linkMode: 'c1a' }));

    const recording = statusOf(await call('capture.start')).capture;
    expect(recording?.file).toMatch(new RegExp(`^${tmp.dir}/captures/capture-.+\\.gdcap\\.gz$`));
    expect(await call('capture.start')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await eventually(
      () => (core!.gateway.status().meters.find((m) => m.deviceId === '32666857')?.counts.ok ?? 0) >= 6,
    );
    const stopped = statusOf(await call('capture.stop'));
    expect(stopped.capture).toBeNull();
    expect(stopped.running).toBe(true);
    const liveValues = core!.gateway.status().meters.find((m) => m.deviceId === '32666857')?.values;
    statusOf(await call('gateway.stop'));

    const listed = await call('capture.list');
    expect(listed).toMatchObject({ ok: true });
    const list = CaptureListSchema.parse((listed as { value: unknown }).value);
    expect(list.folder).toBe(path.join(tmp.dir, 'captures'));
    expect(list.files.map((f) => f.path)).toEqual([recording!.file]);
    expect(list.files[0]!.bytes).toBeGreaterThan(200);

    const opened = statusOf(await call('replay.open', { name: list.files[0]!.name, speed: null }));
    expect(opened.running).toBe(false);
    expect(opened.replay).toMatchObject({
      file: recording!.file,
      format: 'gdcap',
      speed: null,
      paused: false,
    });
    await eventually(() => core!.gateway.status().replay?.finished === true, 10_000, 'the replay to end');
    const replayed = core!.gateway.status();
    expect(replayed.replay?.telegrams).toBeGreaterThanOrEqual(6);
    expect(replayed.session).toBeNull();
    // The last value replayed is a value the live gateway decoded no later than the stop.
    const replayedMeter = replayed.meters.find((m) => m.deviceId === '32666857');
    expect(replayedMeter?.counts.ok).toBeGreaterThanOrEqual(6);
    expect(replayedMeter?.values?.['A+']?.unit).toBe('kWh');
    expect(liveValues).toBeDefined();

    expect(statusOf(await call('replay.control', { paused: true, speed: 4 })).replay).toMatchObject({
      paused: true,
      speed: 4,
    });
    expect(statusOf(await call('gateway.stop')).replay).toBeNull();
    expect(await call('replay.control', { paused: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('opens only files of the captures folder, by name, and says what is wrong with one', async () => {
    const call = start();
    fs.mkdirSync(path.join(tmp.dir, 'captures'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'captures', 'notes.txt'), 'not a capture at all\n');
    fs.writeFileSync(path.join(tmp.dir, 'captures', 'omnipower.txt'), `${SIMULATION_OMNIPOWER}\n`);
    fs.writeFileSync(path.join(tmp.dir, 'outside.gdcap'), '');
    for (const name of ['../outside.gdcap', '/etc/passwd', 'sub\\file', '..'])
      expect(await call('replay.open', { name, speed: 1 }), name).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    expect(await call('replay.open', { name: 'missing.gdcap', speed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('missing.gdcap') },
    });
    expect(await call('replay.open', { name: 'notes.txt', speed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('text but neither a capture') },
    });
    // A wmbusmeters simulation opens too; its meter is unknown to an empty store.
    const opened = statusOf(await call('replay.open', { name: 'omnipower.txt', speed: null }));
    expect(opened.replay).toMatchObject({ format: 'wmbusmeters', recordedAt: null });
    await eventually(() => core!.gateway.status().replay?.finished === true);
    expect(core!.gateway.status().meters.map((m) => m.deviceId)).toEqual(['32666857']);
  });

  it('cannot record without a user-data folder, and says why', async () => {
    const call = start(null);
    statusOf(await call('gateway.start', { profile: 'demo', port: 'virtual', linkMode: 'c1a' }));
    expect(await call('capture.start')).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('no user-data folder') },
    });
  });
});

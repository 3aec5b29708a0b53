import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../shared/gateway';
import { KEM_UPLOAD_MAX_BYTES, KemImportResultSchema, KemPreviewSchema } from '../../../shared/kem';
import type { Result } from '../../../shared/ipc/result';
import { MeterStore } from '../gateway';
import {
  kemFile,
  manyMeters,
  SAMPLE_KEYS,
  SAMPLE_METERS,
  SAMPLE_PASSWORD,
  type KemMeterFixture,
} from '../kem/test-support/kem-writer';
import { memoryLogger } from '../mqtt/test-support/fixtures';
import type { AppCore } from './app-core';
import { APP_ORIGIN, createTestAppCore } from './app-core-test-support';

// The window's two requests, through the router as the window makes them: the preview shows the
// meters without keys and words for every failure; the import asks before replacing a key.

const PASSWORD = SAMPLE_PASSWORD;
const { a: KEY_A, b: KEY_B } = SAMPLE_KEYS;
const METERS = [...SAMPLE_METERS, { id: '1234', key: KEY_B }]; // the last with a bad id
const file = (meters: readonly KemMeterFixture[] = METERS, password = PASSWORD) =>
  kemFile('MetersInOrder', meters, password).toString('base64');

let core: AppCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

function open(userDataDir: string | null = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-kem-app-'))) {
  const logger = memoryLogger();
  core = createTestAppCore({ userDataDir, logger });
  const call = (method: string, input?: unknown) =>
    core!.router.handle({ origin: APP_ORIGIN }, method, input) as Promise<Result<unknown>>;
  /** kem.import's answer, checked against the contract (fails the test when it is an error). */
  const importing = async (input: Record<string, unknown>) =>
    KemImportResultSchema.parse(((await call('kem.import', input)) as { value: unknown }).value);
  return { call, importing, logger, userDataDir };
}

describe('kem.preview', () => {
  it('lists the meters with model, id, type, driver and monitored state, and no key', async () => {
    const { call } = open();
    await call('meters.add', { deviceId: '67203915', key: KEY_A, manufacturerKey: 'kam' });
    const answer = await call('kem.preview', { file: file(), password: PASSWORD });
    expect(answer.ok).toBe(true);
    const preview = KemPreviewSchema.parse((answer as { value: unknown }).value);
    expect(preview).toMatchObject({ encrypted: true, form: 'MetersInOrder', entryName: null });
    expect(preview.meters).toMatchObject([
      { id: '32666857', model: 'OmniPower', driver: { name: 'omnipower' }, monitored: 'no', problems: [] },
      { id: '67203915', model: 'MC21', consumption: 'ColdWater', monitored: 'other-key' },
      { id: '1234', monitored: 'no', problems: [expect.stringMatching(/is 8 digits/)] },
    ]);
    const text = JSON.stringify(answer).toUpperCase();
    for (const key of [KEY_A, KEY_B]) expect(text).not.toContain(key.slice(0, 8));
  });

  it('says "wrong password" in words, and what another kind of file looks like', async () => {
    const { call } = open();
    expect(await call('kem.preview', { file: file(), password: 'kunde-4711' })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^Wrong password: /) },
    });
    const html = Buffer.from('<!doctype html><html><body>Sign in</body></html>').toString('base64');
    expect(await call('kem.preview', { file: html, password: PASSWORD })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/not a KEM file: it looks like an HTML page/),
      },
    });
  });

  it('checks its input in main: file size, base64 and password length', async () => {
    const { call } = open();
    const tooBig = Buffer.alloc(KEM_UPLOAD_MAX_BYTES + 3).toString('base64');
    expect(await call('kem.preview', { file: tooBig, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/larger than 640 kB/) },
    });
    expect(await call('kem.preview', { file: 'not base64!', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call('kem.preview', { file: file(), password: 'x'.repeat(65) })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/at most 16 characters/) },
    });
    expect(await call('kem.preview', { file: file(), password: 'x'.repeat(17) })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/17 bytes long; a KEM password is at most 16 bytes/) },
    });
    expect(await call('kem.preview', { file: file(), password: PASSWORD, key: KEY_A })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

describe('kem.import', () => {
  it('monitors the chosen meters from the file, persisted with their source, the key only as a hint', async () => {
    const { importing, userDataDir, logger } = open();
    const result = await importing({
      file: file(),
      password: PASSWORD,
      ids: ['32666857', '67203915'],
      replace: [],
    });
    expect(result.results).toEqual([
      { id: '32666857', model: 'OmniPower', type: 'Electricity', imported: true, reason: null },
      { id: '67203915', model: 'MC21', type: 'ColdWater', imported: true, reason: null },
    ]);
    expect(result.note).toBeNull();
    expect(result.status.monitored).toMatchObject([
      { deviceId: '32666857', source: 'kem', keyHint: 'B697', manufacturerDeviceKey: 'OmniPower' },
      { deviceId: '67203915', source: 'kem', keyHint: 'EEFF', manufacturerDeviceKey: 'MC21' },
    ]);
    const stored = new MeterStore({ file: path.join(userDataDir!, 'meters.json') });
    expect(stored.keyFor('32666857')).toEqual(Buffer.from(KEY_A, 'hex'));
    expect(logger.lines.join('\n')).toContain('KEM file: 2 of 2 chosen meters imported');
    expect(JSON.stringify(result).toUpperCase()).not.toContain(KEY_A.slice(0, 8));
  });

  it('replaces a key only when the technician confirmed it; the same key again is no error', async () => {
    const { call, importing } = open();
    await call('meters.add', { deviceId: '32666857', key: KEY_A, manufacturerKey: 'kam' });
    await call('meters.add', { deviceId: '67203915', key: KEY_A, manufacturerKey: 'kam' });
    const request = { file: file(), password: PASSWORD, ids: ['32666857', '67203915'] };
    const first = await importing({ ...request, replace: [] });
    expect(first.results.map((r) => [r.id, r.imported, r.reason])).toEqual([
      ['32666857', true, 'already monitored with this key'],
      ['67203915', false, 'known with another key; confirm to replace it'],
    ]);
    const monitored = (status: GatewayStatus) =>
      status.monitored.map((m) => [m.deviceId, m.keyHint, m.source]);
    expect(monitored(first.status)).toEqual([
      ['32666857', 'B697', 'manual'],
      ['67203915', 'B697', 'manual'],
    ]);
    const second = await importing({ ...request, replace: ['67203915'] });
    expect(second.results[1]).toEqual({
      id: '67203915',
      model: 'MC21',
      type: 'ColdWater',
      imported: true,
      reason: 'replaced the key it was monitored with',
    });
    expect(monitored(second.status)).toEqual([
      ['32666857', 'B697', 'manual'],
      ['67203915', 'EEFF', 'kem'],
    ]);
  });

  it('imports nothing with a wrong password', async () => {
    const { call } = open();
    const answer = await call('kem.import', {
      file: file(),
      password: 'wrong',
      ids: ['32666857'],
      replace: [],
    });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Wrong password/) } });
    expect(await call('gateway.status')).toMatchObject({ ok: true, value: { monitored: [] } });
  });

  it('imports a 500-meter file with one save', async () => {
    const { importing, userDataDir } = open();
    const meters = manyMeters(500);
    const started = performance.now();
    const result = await importing({
      file: file(meters),
      password: PASSWORD,
      ids: meters.map((m) => m.id),
      replace: [],
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.results.filter((r) => r.imported)).toHaveLength(500);
    expect(new MeterStore({ file: path.join(userDataDir!, 'meters.json') }).list()).toHaveLength(500);
  });

  it("while the demo runs, imports into the technician's store, not the demo's, and says when they are monitored", async () => {
    const { call, importing, userDataDir } = open();
    expect(await call('gateway.start', { profile: 'demo', port: 'virtual' })).toMatchObject({ ok: true });
    const result = await importing({
      file: file(),
      password: PASSWORD,
      ids: ['32666857', '67203915'],
      replace: [],
    });
    expect(result.note).toMatch(
      /^The demo runs with its own meters: the imported ones are monitored from the next Start/,
    );
    // The demo's monitored set (its own OmniPower and water meter) is what the status shows.
    expect(result.status.monitored.map((m) => m.source)).toEqual(['manual', 'manual']);
    expect(
      new MeterStore({ file: path.join(userDataDir!, 'meters.json') }).list().map((m) => m.source),
    ).toEqual(['kem', 'kem']);
    await call('gateway.stop');
    expect(await call('gateway.status')).toMatchObject({
      ok: true,
      value: {
        monitored: [
          { deviceId: '32666857', source: 'kem' },
          { deviceId: '67203915', source: 'kem' },
        ],
      },
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, startDemo, type OpenedApp, textOf } from './harness';

// Capture and replay as a technician does it: record the running demo from the Live gateway screen,
// stop, open the capture as a replay at full speed, and see the same meter values on the same
// cards, marked as a replay, with nothing published.

const DEMO_METER = '32666857';
let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('replay');
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const live = () => page.getByRole('tabpanel', { name: 'Live gateway' });
const panel = () => live().getByRole('region', { name: 'Capture and replay' });
const okCount = async () => {
  const text = await textOf(page.locator(`[data-meter-id="${DEMO_METER}"] .counts`));
  return Number(/ok (\d+)/.exec(text)?.[1] ?? 0);
};
/** The values of the newest decoded telegram of the demo meter in the telegram list. */
const newestValues = () =>
  textOf(page.locator(`[role="row"][data-device-id="${DEMO_METER}"][data-outcome="ok"] .values-cell`));

let recordedFile = '';
let lastLiveValues = '';

describe('capture and replay in Chromium', () => {
  it('records the running demo into a file the screen names', async () => {
    await startDemo(page);
    await expect.poll(okCount, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await panel().getByRole('button', { name: 'Record a capture' }).click();
    const recording = panel().getByRole('status', { name: 'Recording' });
    await expect
      .poll(() => textOf(recording), { timeout: 5_000 })
      .toMatch(/Recording to .*captures.*\.gdcap\.gz/);
    recordedFile = (await recording.getAttribute('data-recording-file')) ?? '';
    const before = await okCount();
    await expect.poll(okCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 3);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'capture-recording.png'), fullPage: true });
  });

  it('stops: the gateway stops, the recording ends with it, and the file is listed', async () => {
    await live().getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => live().getByRole('button', { name: 'Start', exact: true }).count()).toBe(1);
    expect(await panel().getByRole('status', { name: 'Recording' }).count()).toBe(0);
    lastLiveValues = await newestValues();
    expect(lastLiveValues).toMatch(/kWh/);
    const files = panel().getByRole('combobox', { name: 'Capture file' });
    await expect.poll(() => textOf(files.locator('option:checked'))).toContain(path.basename(recordedFile));
    expect(fs.statSync(recordedFile).size).toBeGreaterThan(500);
  });

  it('opens the capture as a read-only replay and shows the same meter values', async () => {
    await panel()
      .getByRole('combobox', { name: 'Replay speed' })
      .selectOption({ label: 'As fast as possible' });
    await panel().getByRole('button', { name: 'Open replay' }).click();
    const bar = panel().getByRole('status', { name: 'Replay' });
    await expect
      .poll(() => textOf(bar), { timeout: 10_000 })
      .toContain(`Replay of ${path.basename(recordedFile)} (recorded`);
    expect(await textOf(bar)).toContain('Read-only: nothing is published');
    await expect.poll(() => bar.getAttribute('data-replay-finished'), { timeout: 20_000 }).toBe('true');
    expect(await textOf(bar)).toMatch(/\d+ telegrams · .* · finished/);

    // The same decoded values as the last live telegram, on the same card and list.
    await expect.poll(newestValues, { timeout: 5_000 }).toBe(lastLiveValues);
    const card = page.locator(`[data-meter-id="${DEMO_METER}"]`);
    expect(await textOf(card.locator('[data-value="A+"]'))).toMatch(/\d\.\d{2}\s*kWh/);
    expect(await okCount()).toBeGreaterThanOrEqual(3);
    // Nothing was published: no messages in the log, the gateway is not running, no session.
    expect(await page.locator('tr[data-outbox-id]').count()).toBe(0);
    expect(await live().getByRole('button', { name: 'Start', exact: true }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'capture-replay.png'), fullPage: true });
  });

  it('closes the replay', async () => {
    await panel().getByRole('button', { name: 'Close replay' }).click();
    await expect.poll(() => panel().getByRole('status', { name: 'Replay' }).count()).toBe(0);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, type OpenedApp, startDemo } from './harness';

// Commissioning as an installer does it: start the demo, watch the checklist turn green, take the
// record home.

const DEMO_METER = '32666857';
let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('commissioning', null);
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const panel = () => page.getByRole('tabpanel', { name: 'Commissioning' });
const step = (id: string) => panel().locator(`[data-step="${id}"]`);
const stateOf = (id: string) =>
  step(id)
    .getAttribute('data-state', { timeout: 500 })
    .catch(() => null);

describe('commissioning screen in Chromium', () => {
  it('starts the demo with the virtual stick on the live screen', async () => {
    await startDemo(page);
  });

  it('turns steps 1, 2, 3, 4 and 6 green, and step 5 says it waits for sensors/set', async () => {
    await page.getByRole('tab', { name: 'Commissioning' }).click();
    for (const id of ['stick', 'meter', 'key', 'broker', 'data']) {
      await expect.poll(() => stateOf(id), { timeout: 30_000 }).toBe('ok');
      expect(await step(id).innerText()).toMatch(/since \d\d:\d\d:\d\d/);
    }
    expect(await step('stick').innerText()).toMatch(/iM871A.*firmware 0x/);
    expect(await step('meter').innerText()).toMatch(new RegExp(`${DEMO_METER} heard at -?\\d+\\.\\d dBm`));
    expect(await step('broker').innerText()).toContain('0 — Connection accepted.');
    expect(await step('data').innerText()).toContain(`kam-${DEMO_METER}/data confirmed by echo`);
    expect(await stateOf('config')).toBe('pending');
    expect(await step('config').innerText()).toContain('send sensors/set from the Messages tab');
  });

  it('exports a JSON record with the meter in kWh and no key', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel().getByRole('button', { name: 'Export record (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^commissioning-\\w+-${DEMO_METER}-\\d{4}-\\d\\d-\\d\\d\\.json$`),
    );
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toMatch(/[0-9a-f]{32}/i);
    const record = JSON.parse(text) as {
      meters: Array<{
        deviceId: string;
        values: Record<string, { value: number; unit: string }>;
        key: string;
      }>;
      steps: Array<{ state: string }>;
    };
    const meter = record.meters.find((m) => m.deviceId === DEMO_METER);
    expect(meter?.values['A+']?.unit).toBe('kWh');
    expect(meter?.values['A+']?.value).toBeGreaterThan(0);
    expect(meter?.key).toMatch(/^…[0-9A-Fa-f]{4}$/);
    expect(record.steps.map((s) => s.state)).toEqual(['ok', 'ok', 'ok', 'ok', 'pending', 'ok']);
  });

  it('shows a printable record and saves a screenshot', async () => {
    // Under print media the panel itself is visibility: hidden, which role queries skip: use CSS.
    const printed = page.locator('#panel-commissioning .commissioning-record');
    expect(await printed.locator(`[data-record-meter="${DEMO_METER}"]`).innerText()).toMatch(
      /A\+ [\d,.]+ kWh/,
    );
    expect(await panel().getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#panel-commissioning .checklist').isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await printed.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'commissioning.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(30_000);
  });
});

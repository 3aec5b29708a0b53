import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, type OpenedApp, startDemo } from './harness';

// Meters in range as a technician uses it: start the demo, see every meter the virtual stick plays
// (monitored and neighbours), sort, filter, watch one fall silent, take the list home as CSV.

const DEMO_METER = '32666857';
const FADING = '32667012';
const FAR_WATER = '67204188';
let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('survey', null);
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const panel = () => page.getByRole('tabpanel', { name: 'Meters in range' });
const rows = () => panel().locator('tr[data-survey-meter]');
const order = () => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-survey-meter')));

describe('Meters in range in Chromium', () => {
  it('lists the demo meters and the neighbours, monitored or not, each with a verdict', async () => {
    await startDemo(page);
    await page.keyboard.press('6');
    expect(await page.getByRole('tab', { name: 'Meters in range' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(5);
    const demo = panel().locator(`tr[data-survey-meter="${DEMO_METER}"]`);
    expect(await demo.getAttribute('data-monitored')).toBe('true');
    expect(await demo.innerText()).toContain('held');
    expect(await panel().locator(`tr[data-survey-meter="${FAR_WATER}"]`).getAttribute('data-verdict')).toBe(
      'weak',
    );
    expect(
      await panel()
        .getByText(/−80 dBm or stronger/)
        .count(),
    ).toBe(1);
    expect(
      await panel()
        .getByText(/A convention, not a standard/)
        .count(),
    ).toBe(1);
  });

  it('sorts by a column and back', async () => {
    // By default the strongest signal first: the demo meter's -62 dBm leads, the far water meter trails.
    expect((await order())[0]).toBe(DEMO_METER);
    expect((await order()).at(-1)).toBe(FAR_WATER);
    await panel()
      .getByRole('button', { name: /^Meter/ })
      .click();
    const ascending = await order();
    expect(ascending).toEqual([...ascending].sort());
    await panel()
      .getByRole('button', { name: /^Meter/ })
      .click();
    expect(await order()).toEqual([...ascending].reverse());
  });

  it('filters by text, by monitored, and shows the neighbour that fell silent', async () => {
    await panel().getByLabel('Filter meters').fill('water');
    await expect.poll(order).toEqual(expect.arrayContaining([FAR_WATER]));
    expect(await rows().count()).toBe(2);
    await panel().getByLabel('Filter meters').fill('');
    await panel().getByLabel('Show').selectOption('monitored');
    expect((await order()).sort()).toEqual([DEMO_METER, '67203915']);
    await panel().getByLabel('Show').selectOption('silent');
    await expect.poll(order, { timeout: 40_000 }).toEqual([FADING]);
    expect(await rows().first().locator('.chip.warn').innerText()).toMatch(/^\d/);
  });

  it('exports the rows shown as CSV', async () => {
    await panel().getByLabel('Show').selectOption('all');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel().getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^meters-in-range-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^deviceId,manufacturer,medium,deviceType,version,driver,/);
    expect(lines).toHaveLength(6);
    const column = lines[0]!.split(',').indexOf('silent');
    const fading = lines.find((l) => l.startsWith(FADING))!;
    expect(fading.split(',')[column]).toBe('true');
    expect(csv).not.toMatch(/[0-9a-f]{32}/i);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'meters-in-range.csv'), csv);
    const shot = path.join(ARTIFACTS, 'meters-in-range.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(30_000);
  });
});

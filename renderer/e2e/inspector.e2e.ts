import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, type OpenedApp } from './harness';

// The telegram inspector as a technician uses it: paste hex, explain, read it byte by byte.

const HCI = 'a5820327442d2c5768663230028d201a13e00920dddf142f84b1107cae4e84dbcb98210fc275ddc868ce8d2554';
const TWO_FRAMES =
  'a5820327442d2c5768663230028d207193dd03206986a5ca4f79a0c37291ec021345145dd011b79095f0e0f1b9' +
  'a5820331442d2c143423781c0c8d201380016220d52503480ecc98101e27e0c318df0244baed4e267da393fc45e6545d640740087cbb50';
const KEY = '9A25139E3244CC2E391A8EF6B915B697';

let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('inspector', null);
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const panel = () => page.getByRole('tabpanel', { name: 'Telegram inspector' });
const frames = () => panel().locator('section.frame');
const hexBox = () => panel().getByLabel('Telegram hex');
const keyBox = () => panel().getByLabel('AES key (optional)');
const explain = () => panel().getByRole('button', { name: 'Explain', exact: true }).click();
const outcome = (n: number) =>
  panel()
    .getByRole('status', { name: `Outcome of frame ${n}` })
    .innerText({ timeout: 500 })
    .catch(() => '');

describe('telegram inspector in Chromium', () => {
  it('explains the HCI sample without a key: no key, header fields explained', async () => {
    await page.getByRole('tab', { name: 'Telegram inspector' }).click();
    await hexBox().fill(HCI);
    await hexBox().press('Control+Enter');
    await expect.poll(() => outcome(1), { timeout: 10_000 }).toContain('No key (NO_KEY)');
    const frame = frames().first();
    expect(await frame.locator('[data-meter-id]').innerText()).toContain('32666857');
    expect(await frame.locator('.frame-head').innerText()).toContain('iM871A HCI frame');
    const table = frame.getByRole('table', { name: 'Fields of frame 1' });
    const address = table.locator('tr[data-field="address (A)"]');
    expect(await address.innerText()).toContain('meter number 32666857');
    expect(await table.locator('tr[data-field="manufacturer (M)"]').innerText()).toContain('KAM');
    expect(await table.locator('tr[data-check="fail"]').innerText()).toContain('✗');
  });

  it('highlights the field bytes in the hex dump when a row is hovered or focused', async () => {
    const frame = frames().first();
    await frame.locator('tr[data-field="address (A)"]').hover();
    const lit = frame.locator('[data-highlighted]');
    await expect.poll(() => lit.count()).toBe(4);
    expect(await lit.first().getAttribute('data-offset')).toBe('7');
    await frame.locator('tr[data-field="CI"]').focus();
    await expect.poll(() => lit.count()).toBe(1);
    expect(await lit.first().innerText()).toBe('8d');
  });

  it('decodes with the typed key: A+ 3.41 kWh and the payload CRC ✓', async () => {
    expect(await keyBox().getAttribute('type')).toBe('password');
    await keyBox().fill(KEY);
    await explain();
    await expect.poll(() => outcome(1), { timeout: 10_000 }).toContain('Decoded');
    const frame = frames().first();
    expect(await frame.locator('[data-value="A+"] dd').innerText()).toBe('3.41 kWh');
    const crc = frame.locator('tr[data-field="payload CRC"]');
    expect(await crc.getAttribute('data-check')).toBe('ok');
    expect(await crc.innerText()).toContain('✓');
    const html = await page.content();
    expect(html).not.toContain(KEY);
    expect(html.toLowerCase()).not.toContain(KEY.toLowerCase());
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await frame.locator('tr[data-field="payload CRC"]').hover();
    await page.screenshot({ path: path.join(ARTIFACTS, 'inspector.png'), fullPage: true });
  });

  it('shows one section per frame for the two-frame serial read', async () => {
    await panel().getByRole('button', { name: 'Sample: two frames in one serial read' }).click();
    await expect.poll(() => frames().count(), { timeout: 10_000 }).toBe(2);
    expect(await frames().nth(1).getAttribute('aria-label')).toBe('Frame 2 at byte 45');
    expect(await hexBox().inputValue()).toBe(TWO_FRAMES);
  });

  it('says PARSE in words for text that is not hex', async () => {
    await hexBox().fill('xyz');
    await explain();
    await expect.poll(() => outcome(1), { timeout: 10_000 }).toContain('Could not read the input (PARSE)');
    expect(await outcome(1)).toContain('not hex');
    expect(await frames().count()).toBe(1);
    expect(await page.content()).not.toContain(KEY);
  });
});

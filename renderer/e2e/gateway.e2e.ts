import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, type OpenedApp } from './harness';

// The live screen as a technician uses it: the demo profile with the simulated stick proves the
// whole path (meter → radio → gateway → broker → echo) with nothing else installed.

const DEMO_LABEL = 'Demo — built-in broker and simulated stick';
const DEMO_METER = '32666857';
/** The demo's Multical 21 (electron/core/demo/demo-meters.ts): decoded and shown, never published. */
const DEMO_WATER_METER = '67203915';
let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp(
    'live',
    // `lab` points at a closed loopback port: a broker that is not there, refused at once.
    'lab:\n  host: 127.0.0.1\n  port: 1\n  gateway_id: "706462169"\n',
  );
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const live = () => page.getByRole('tabpanel', { name: 'Live gateway' });
/** Polling helpers answer at once: a missing element is "not yet", not a 30 s auto-wait. */
const attribute = async (selector: string, name: string) => {
  const found = live().locator(selector).first();
  return (await found.count()) > 0 ? found.getAttribute(name) : null;
};
const textOf = (selector: string | ReturnType<Page['locator']>) =>
  (typeof selector === 'string' ? page.locator(selector) : selector)
    .first()
    .innerText({ timeout: 500 })
    .catch(() => '');

describe('live gateway screen in Chromium', () => {
  it('opens on the live screen and says what to do first', async () => {
    await page.getByRole('tab', { name: 'Live gateway' }).click();
    await expect
      .poll(() => live().getByRole('note').innerText())
      .toContain('Pick the Demo profile and press Start');
    await expect
      .poll(() => page.getByLabel('Serial port', { exact: true }).locator('option').count())
      .toBeGreaterThan(0);
    expect(await page.getByLabel('Link mode', { exact: true }).inputValue()).toBe('c1a');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-empty.png'), fullPage: true });
  });

  it("shows the app's icon: the page asks for nothing the server does not have", async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/icon.*\.svg$/);
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    expect(await icon.text()).toContain('aria-label="Gateway Diagnostics"');
    expect(opened.failedResponses).toEqual([]);
  });

  it('starts the demo with the virtual stick and connects with return code 0', async () => {
    await page.getByLabel('Profile', { exact: true }).selectOption({ label: DEMO_LABEL });
    await page.getByLabel('Serial port', { exact: true }).selectOption('virtual');
    expect(
      await page.getByLabel('Serial port', { exact: true }).locator('option:checked').innerText(),
    ).toContain('Virtual stick');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const outcome = page.getByRole('status', { name: 'Connection outcome' });
    await expect.poll(() => textOf(outcome), { timeout: 15_000 }).toContain('0 — Connection accepted.');
    await expect.poll(() => attribute('[data-session-state]', 'data-session-state')).toBe('connected');
    expect(await page.locator('[data-card="connection"]').innerText()).toMatch(/Broker\s+127\.0\.0\.1:\d+/);
  });

  it('shows the stick ready or receiving, with the link mode it was set to', async () => {
    await expect
      .poll(() => attribute('[data-stick-state]', 'data-stick-state'), { timeout: 15_000 })
      .toMatch(/^(ready|receiving)$/);
    expect(await page.locator('[data-link-mode]').innerText()).toBe('C1 format A');
  });

  it('decodes the demo meter: a card with A+ in kWh and P+ in kW and W', async () => {
    const card = page.locator(`[data-meter-id="${DEMO_METER}"]`);
    const aPlus = card.locator('[data-value="A+"]');
    await expect.poll(() => textOf(aPlus), { timeout: 20_000 }).toMatch(/\d\.\d{2}\s*kWh/);
    const pPlus = await card.locator('[data-value="P+"]').innerText();
    expect(pPlus).toMatch(/\d\.\d{3}\s*kW/);
    expect(pPlus).toMatch(/\d\s*W\b/);
    expect(await card.getAttribute('data-monitored')).toBe('true');
    expect(await card.innerText()).toMatch(/-?\d+\.\d dBm/);
    const okRows = page.locator(`[role="row"][data-device-id="${DEMO_METER}"][data-outcome="ok"]`);
    expect(await okRows.count()).toBeGreaterThan(0);
  });

  it('decodes the demo water meter: its driver, total volume in m3 and a plain "not published" note', async () => {
    const card = page.locator(`[data-meter-id="${DEMO_WATER_METER}"]`);
    await expect
      .poll(() => textOf(card.locator('[data-driver="multical21"]')), { timeout: 30_000 })
      .toContain('Kamstrup Multical 21 / flowIQ water meter');
    expect(await card.getAttribute('data-monitored')).toBe('true');
    await expect
      .poll(() => textOf(card.locator('[data-value="total_volume"]')), { timeout: 20_000 })
      .toMatch(/^total volume\s+4\d\.\d{3}\s*m3$/);
    expect(await card.locator('[data-value="flow_temperature"]').innerText()).toMatch(/\d+ °C/);
    expect(await card.locator('[data-value="external_temperature"]').innerText()).toMatch(/\d+ °C/);
    expect(await card.locator('[data-value="info_codes"]').innerText()).toMatch(/info codes\s+OK/);
    expect(await card.locator('[data-published="false"]').innerText()).toMatch(
      /API v2 defines no channels for water meters.*decoded and shown but not published/,
    );
    expect(await card.locator('[data-value="A+"]').count()).toBe(0);
    const published = page.locator('tr[data-outbox-id]').filter({ hasText: `kam-${DEMO_WATER_METER}` });
    expect(await published.count()).toBe(0);
  });

  it('charts the demo meter’s power and energy as readings arrive', async () => {
    const card = () => page.locator(`[data-meter-id="${DEMO_METER}"]`);
    const chart = card().locator('[data-chart-points]');
    await expect
      .poll(async () => Number((await chart.getAttribute('data-chart-points')) ?? 0), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    const power = card().getByRole('img', { name: /^P\+ power over the session, .* W$/ });
    expect(
      (await power.locator('polyline').getAttribute('points'))!.split(' ').length,
    ).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() =>
        card()
          .getByRole('img', { name: /^A\+ energy over the session/ })
          .count(),
      )
      .toBe(1);
  });

  it('lists published messages and confirms at least one by broker echo', async () => {
    await expect
      .poll(() => page.locator('tr[data-outbox-id]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const confirmed = page.locator('tr[data-confirmed="true"]');
    await expect.poll(() => confirmed.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const row = await confirmed.first().innerText();
    expect(row).toContain(`kam-${DEMO_METER}/data`);
    expect(row).toMatch(/✓ confirmed in \d/);
    expect(await live().locator('[data-step="cloud"]').getAttribute('data-tone')).toBe('ok');
  });

  it("opens a published message's JSON in one click, and closes it again", async () => {
    const data = page
      .locator('tr[data-outbox-id]')
      .filter({ hasText: `kam-${DEMO_METER}/data` })
      .first();
    const topic = data.getByRole('button', { name: new RegExp(`kam-${DEMO_METER}/data`) });
    expect(await topic.getAttribute('aria-expanded')).toBe('false');
    await topic.click();
    const json = page.getByLabel(new RegExp(`^JSON published on v2/.*/kam-${DEMO_METER}/data$`));
    const shown = JSON.parse(await json.innerText()) as Record<string, unknown>;
    // An API v2 data message, as the cloud receives it (docs/ARCHITECTURE.md § ReMoni API v2).
    expect(shown).toHaveProperty('channelNumber');
    expect(await topic.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-published-json.png'), fullPage: true });
    await topic.click();
    expect(await json.count()).toBe(0);
  });

  it('refuses a hand-typed meter with a bad key before sending it', async () => {
    const form = page.getByRole('form', { name: 'Add a monitored meter' });
    await form.getByLabel(/Meter id/).fill('12345678');
    const key = form.getByLabel(/AES key/);
    expect(await key.getAttribute('type')).toBe('password');
    await key.fill('9A25139E3244CC2E391A8EF6B915B6');
    await form.getByRole('button', { name: 'Add meter' }).click();
    const error = form.locator('[data-field-error="key"]');
    expect(await error.innerText()).toBe('The AES key is 32 hex digits (16 bytes); this one has 30.');
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    await key.fill('9A25139E3244CC2E391A8EF6B915B6ZZ');
    await form.getByRole('button', { name: 'Add meter' }).click();
    expect(await error.innerText()).toContain('"Z" is not a hex digit');
    expect(await page.locator('[data-meter-id="12345678"]').count()).toBe(0);
  });

  it('adds a valid meter, shows only the end of its key, clears the form, and removes it', async () => {
    const form = page.getByRole('form', { name: 'Add a monitored meter' });
    const key = form.getByLabel(/AES key/);
    await key.fill('00112233 44556677 8899AABB CCDDEEFF');
    await form.getByRole('button', { name: 'Add meter' }).click();
    const card = page.locator('[data-meter-id="12345678"]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('.meter-key').innerText()).toMatch(
      /Key …EEFF · (stored in the OS keychain|protected by file permissions)/,
    );
    expect(await key.inputValue()).toBe('');
    expect(await page.content()).not.toContain('8899AABB');
    await card.getByRole('button', { name: 'Remove meter 12345678' }).click();
    await card.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await form.getByRole('status').count()).toBe(0);
    // Still gone after the next status snapshot (they are coalesced to a few per second).
    await page.waitForTimeout(600);
    expect(await card.count()).toBe(0);
  });

  it('saves screenshots of the live screen in light and dark', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const theme of ['Light', 'Dark'] as const) {
      await page.getByRole('radio', { name: theme }).click();
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme.toLowerCase());
      const file = path.join(ARTIFACTS, `live-${theme.toLowerCase()}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(30_000);
    }
  });

  it('stops, and starts and stops again from the keyboard', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.locator('.live').getAttribute('data-running')).toBe('false');
    await expect.poll(() => page.locator('[data-session-state]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(true);

    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.locator('.live').getAttribute('data-running'), { timeout: 10_000 })
      .toBe('true');
    await expect.poll(() => attribute('[data-session-state]', 'data-session-state')).toBe('connected');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.locator('.live').getAttribute('data-running'), { timeout: 10_000 })
      .toBe('false');
  });

  it('explains a broker that cannot be reached, with the error code and a hint', async () => {
    await page.getByLabel('Profile', { exact: true }).selectOption('lab');
    await page.getByLabel('Serial port', { exact: true }).selectOption('virtual');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const outcome = page.getByRole('status', { name: 'Connection outcome' });
    await expect.poll(() => textOf(outcome), { timeout: 15_000 }).toMatch(/^ECONNREFUSED — /);
    expect((await outcome.locator('.hint').innerText()).length).toBeGreaterThan(10);
    expect(await attribute('[data-session-state]', 'data-session-state')).toMatch(/^(reconnecting|failed)$/);
    expect(await live().locator('[data-step="broker"]').getAttribute('data-tone')).not.toBe('ok');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-refused.png'), fullPage: true });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.locator('.live').getAttribute('data-running')).toBe('false');
  });
});

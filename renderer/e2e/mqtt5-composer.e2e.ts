import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../electron/core/mqtt/test-support/mosquitto';
import { ARTIFACTS, openApp, startDemo, type OpenedApp, textOf } from './harness';

// The composer's MQTT 5 properties against a real Mosquitto speaking MQTT 5: what the technician
// types must travel through the broker and come back on a subscription, property by property.
// Under 3.1.1 (the demo) the section is off and says why in one line.

let dir: string;
let broker: Mosquitto;
let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-e2e-mqtt5-'));
  broker = await startMosquitto({ dir, anonymous: true });
  opened = await openApp(
    'mqtt5',
    [
      'mqtt5:',
      '  host: 127.0.0.1',
      `  port: ${broker.ports.plain}`,
      '  protocol_version: 5',
      '  gateway_id: "706462169"',
      '',
    ].join('\n'),
  );
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
  await broker?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const panel = () => page.getByRole('tabpanel', { name: 'Messages' });
const composer = () => panel().getByRole('form', { name: 'Publish a message' });
const properties = () => composer().getByRole('group', { name: 'MQTT 5 properties' });
/** The fieldset's own disabled flag (Playwright's isDisabled() looks at form controls, not fieldsets). */
const propertiesOff = () =>
  properties()
    .evaluate((el) => el.matches(':disabled'), undefined, { timeout: 500 })
    .catch(() => null);
const sessionState = () =>
  page
    .locator('[data-session-state]')
    .first()
    .getAttribute('data-session-state', { timeout: 500 })
    .catch(() => null);

/** Live gateway tab, the profile, the virtual stick, Start, and wait until the broker accepted us. */
async function startProfile(profile: string): Promise<void> {
  await page.getByRole('tab', { name: 'Live gateway' }).click();
  const ports = page.getByLabel('Serial port', { exact: true });
  await expect.poll(() => ports.locator('option').count()).toBeGreaterThan(0);
  await page.getByLabel('Profile', { exact: true }).selectOption(profile);
  await ports.selectOption('virtual');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(sessionState, { timeout: 15_000 }).toBe('connected');
}

async function stop(): Promise<void> {
  await page.getByRole('tab', { name: 'Live gateway' }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect.poll(() => page.locator('.live').getAttribute('data-running')).toBe('false');
}

describe('MQTT 5 properties through a real Mosquitto, in Chromium', () => {
  it('connects the MQTT 5 profile and subscribes to test/#', async () => {
    await startProfile('mqtt5');
    expect(await page.locator('[data-card="connection"]').innerText()).toContain('MQTT 5');
    await page.getByRole('tab', { name: 'Messages' }).click();
    const form = panel().getByRole('form', { name: 'Subscribe to a topic' });
    await form.getByLabel('Topic filter').fill('test/#');
    await form.getByLabel('Subscription QoS').selectOption('1');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await expect
      .poll(() => textOf(panel().getByRole('status', { name: 'Subscribe result' })), { timeout: 10_000 })
      .toContain('test/#: granted QoS 1');
  });

  it('publishes with content type, response topic, correlation data, expiry and a user property', async () => {
    expect(await propertiesOff()).toBe(false);
    expect(await properties().getAttribute('data-mqtt5')).toBe('true');
    await composer().getByLabel('Topic', { exact: true }).fill('test/props');
    await composer().getByLabel('Payload').fill('{"reading":42}');
    await properties().getByLabel('Content type').fill('application/json');
    await properties().getByLabel('Response topic').fill('test/replies');
    await properties().getByLabel('Correlation data (hex)').fill('0a 0b 0c');
    await properties().getByLabel('Message expiry (seconds)').fill('3600');
    await properties().getByRole('button', { name: 'Add user property' }).click();
    await properties().getByLabel('User property 1 name').fill('site');
    await properties().getByLabel('User property 1 value').fill('basement-2');
    await composer().getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => textOf(composer().getByRole('status', { name: 'Publish result' })), { timeout: 10_000 })
      .toContain('State: acknowledged by the broker');
  });

  it('receives the message back with every property, as Mosquitto forwarded them', async () => {
    const item = panel().locator('li[data-kind="received"][data-topic="test/props"]');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    // Selecting the row shows its details (in the row itself, or beside the list): payload and properties.
    await item.click();
    const shown = panel().getByLabel('MQTT 5 properties of test/props');
    await expect.poll(() => shown.count()).toBe(1);
    const payload = panel().locator('pre.msg-payload');
    expect(await payload.count()).toBe(1);
    expect(await payload.innerText()).toBe('{\n  "reading": 42\n}');
    const pairs = await shown
      .locator('div')
      .evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
      );
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['content type', 'application/json'],
        ['response topic', 'test/replies'],
        ['correlation data (hex)', '0a 0b 0c'],
        ['user: site', 'basement-2'],
      ]),
    );
    // The broker counts the expiry down while it holds the message: at most what was sent.
    const expiry = pairs.find(([name]) => name === 'message expiry (s)');
    expect(Number(expiry?.[1])).toBeGreaterThan(3590);
    expect(Number(expiry?.[1])).toBeLessThanOrEqual(3600);
  });

  it('saves a screenshot of the composer and the received properties', async () => {
    await page.getByRole('radio', { name: 'Light' }).click();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'messages-mqtt5-light.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it('turns the section off with its one-line reason under MQTT 3.1.1 (the demo)', async () => {
    await stop();
    await startDemo(page);
    await expect.poll(sessionState, { timeout: 15_000 }).toBe('connected');
    await page.getByRole('tab', { name: 'Messages' }).click();
    await expect.poll(propertiesOff).toBe(true);
    expect(await properties().getAttribute('data-mqtt5')).toBe('false');
    const reason = properties().locator('.msg-props-off');
    expect(await reason.innerText()).toBe(
      'Not available: profile demo speaks MQTT 3.1.1, which has no properties (set protocol_version: 5 in its settings).',
    );
    expect(await properties().getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    expect(await properties().getByLabel('Content type').isVisible()).toBe(false);
    await stop();
  });
});

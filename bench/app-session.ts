import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startMosquitto, type Mosquitto } from '../electron/core/mqtt/test-support/mosquitto';
import { openApp, type OpenedApp } from '../renderer/e2e/harness';

// The system under test as a technician runs it: Mosquitto as the broker, `npm run web` with a
// settings file naming it, Chromium on the page, the gateway started with the virtual stick and a
// subscription made on the Messages screen.

export const PROFILE = 'bench';

export interface AppSession {
  page: Page;
  brokerPort: number;
  close(): Promise<void>;
}

export async function openAppSession(topicFilter: string): Promise<AppSession> {
  const brokerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-ui-bench-broker-'));
  let broker: Mosquitto | null = null;
  let opened: OpenedApp | null = null;
  const close = async () => {
    await opened?.close();
    await broker?.stop();
    fs.rmSync(brokerDir, { recursive: true, force: true });
  };
  try {
    broker = await startMosquitto({ dir: brokerDir, anonymous: true });
    const settings = `${PROFILE}:\n  host: 127.0.0.1\n  port: ${broker.ports.plain}\n  gateway_id: "706462169"\n`;
    opened = await openApp('ui-bench', settings);
    const { page } = opened;
    await startGateway(page);
    await subscribe(page, topicFilter);
    return { page, brokerPort: broker.ports.plain, close };
  } catch (error) {
    const stderr = opened?.app.stderr() ?? '';
    await close();
    throw new Error(`ui bench: could not bring the app up: ${String(error)}\n${stderr.slice(-2000)}`);
  }
}

/** Live gateway tab: the bench profile, the virtual stick, Start; waits for the broker session. */
async function startGateway(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Live gateway' }).click();
  const ports = page.getByLabel('Serial port', { exact: true });
  await ports.locator('option[value="virtual"]').waitFor({ state: 'attached', timeout: 15_000 });
  await page.getByLabel('Profile', { exact: true }).selectOption(PROFILE);
  await ports.selectOption('virtual');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page
    .locator('[data-session-state="connected"]')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(async () => {
      const state = await page.locator('[data-session-state]').first().getAttribute('data-session-state');
      throw new Error(`the gateway's broker session did not connect (state: ${state ?? 'none shown'})`);
    });
}

/** Messages tab: subscribes to `filter` with QoS 0 and waits for the granted line. */
async function subscribe(page: Page, filter: string): Promise<void> {
  await page.getByRole('tab', { name: 'Messages' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Messages' });
  const form = panel.getByRole('form', { name: 'Subscribe to a topic' });
  await form.getByLabel('Topic filter').fill(filter);
  await form.getByLabel('Subscription QoS').selectOption('0');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const result = panel.getByRole('status', { name: 'Subscribe result' });
  await result.getByText(`${filter}: granted QoS 0`).waitFor({ timeout: 10_000 });
}

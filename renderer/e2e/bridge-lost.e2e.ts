import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DEMO_LABEL, openApp, type OpenedApp } from './harness';

// A disconnected bridge is shown, and a request made meanwhile fails in words. The server
// (`npm run web`) really goes away here: its process is stopped while the page stays open.

let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('bridge-lost');
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const banner = () => page.locator('[data-bridge="lost"]');
const live = () => page.getByRole('tabpanel', { name: 'Live gateway' });

describe('the page when the app server goes away', () => {
  it('shows no banner while the app is reachable, with the profiles and ports loaded', async () => {
    const ports = page.getByLabel('Serial port', { exact: true });
    await expect.poll(() => ports.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByLabel('Profile', { exact: true }).selectOption({ label: DEMO_LABEL });
    await ports.selectOption('virtual');
    expect(await banner().count()).toBe(0);
  });

  it('says the connection to the app is lost once the server process has stopped', async () => {
    await opened.app.stop();
    await expect.poll(() => banner().count(), { timeout: 10_000 }).toBe(1);
    const words = await banner().innerText();
    expect(words).toContain('Connection to the app lost — reconnecting…');
    expect(words).toContain('npm run web');
    expect(await banner().getAttribute('role')).toBe('alert');
  });

  it('answers Start with the failure in words instead of swallowing it', async () => {
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    // The request waits for the next reconnection attempt, which fails and answers it.
    const error = live().locator('.start-errors [role="alert"]');
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await error.first().innerText()).toMatch(
      /^No connection to the app\. Is npm run web still running/,
    );
    // Not left looking busy: Start can be pressed again.
    await expect.poll(() => page.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(true);
    expect(await page.locator('.live').getAttribute('data-running')).toBe('false');
  });

  it('keeps the banner up and saves a screenshot of it', async () => {
    expect(await banner().count()).toBe(1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'bridge-lost.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
});

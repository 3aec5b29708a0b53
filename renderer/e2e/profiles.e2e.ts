import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, startWebApp, type WebApp } from './harness';

const PASSWORD = 'pw-that-must-never-show-7f3a';
let dir: string;
let settingsFile: string;
let app: WebApp;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-e2e-'));
  settingsFile = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(
    settingsFile,
    [
      'recalc:',
      '  ip: broker.example.com',
      '  port: 8883',
      '  username: gw-706462169',
      `  password: "${PASSWORD}"`,
      '  gateway_id: "706462169"',
      'lab:',
      '  host: 127.0.0.1',
      '  port: 88x',
      '',
    ].join('\n'),
  );
  app = await startWebApp(['--settings', settingsFile]);
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(app.url);
  // The app opens on the live screen; the profiles have their own tab.
  await page.getByRole('tab', { name: /Profiles/ }).click();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('profiles screen in Chromium', () => {
  it('lists the demo profile and the file profile with host, port, TLS and password state', async () => {
    const recalc = page.locator('tr[data-profile="recalc"]');
    await expect.poll(() => recalc.count()).toBe(1);
    const cells = await recalc.locator('td').allInnerTexts();
    expect(cells).toEqual([
      'recalc',
      'broker.example.com:8883',
      'on',
      '3.1.1',
      'gw-706462169',
      'set',
      '706462169',
    ]);
    const demo = page.locator('tr[data-profile="demo"]');
    expect(await demo.locator('.badge.demo').innerText()).toMatch(/^demo$/i);
    expect(await demo.innerText()).toContain('in-process broker');
  });

  it('shows the settings error in words with file, line and key', async () => {
    const problem = page.locator('.problem.error');
    await expect.poll(() => problem.count()).toBe(1);
    const text = await problem.innerText();
    expect(text).toContain(`${settingsFile}:9`);
    expect(text).toContain('lab.port');
    expect(text).toContain('whole number from 1 to 65535');
    expect(await page.locator('tr[data-profile="lab"]').count()).toBe(0);
  });

  it('never shows the password, and drops the token from the address bar', async () => {
    expect(await page.content()).not.toContain(PASSWORD);
    expect(page.url()).not.toContain('token=');
    expect(app.stderr()).not.toContain(PASSWORD);
  });

  it('reloads the settings file without a restart', async () => {
    fs.appendFileSync(settingsFile, 'bench:\n  host: 10.1.2.3\n');
    fs.writeFileSync(settingsFile, fs.readFileSync(settingsFile, 'utf8').replace('port: 88x', 'port: 1883'));
    await page.getByRole('button', { name: 'Reload settings' }).click();
    await expect.poll(() => page.locator('tr[data-profile="lab"]').count()).toBe(1);
    expect(await page.locator('tr[data-profile="bench"] td').nth(1).innerText()).toBe('10.1.2.3:1883');
    expect(await page.locator('.problem.error').count()).toBe(0);
  });

  it('saves a screenshot for people to look at', async () => {
    fs.writeFileSync(settingsFile, fs.readFileSync(settingsFile, 'utf8').replace('port: 1883', 'port: 88x'));
    await page.getByRole('button', { name: 'Reload settings' }).click();
    await expect.poll(() => page.locator('.problem.error').count()).toBe(1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'profiles.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
});

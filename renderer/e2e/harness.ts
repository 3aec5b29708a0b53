import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../artifacts');

/** docs/ARCHITECTURE.md § Testing: Debian's Chromium with the flags this closed network needs, in a fresh profile. */
export async function launchChromium(): Promise<BrowserContext> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Chromium may still be writing its profile as it exits; a leftover temp dir is harmless.
  context.once('close', () =>
    fs.rm(profileDir, { recursive: true, force: true, maxRetries: 3 }, () => undefined),
  );
  return context;
}

export interface WebApp {
  url: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web` exactly as the README tells a user, and waits for the URL it prints. `env`
 * adds variables, e.g. XDG_CONFIG_HOME so a test's meters and outboxes stay out of the real home.
 */
export async function startWebApp(args: string[], env: Record<string, string> = {}): Promise<WebApp> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'web', '--', '--port', '0', ...args], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; url?: string };
      if (message.event === 'listening' && message.url) resolve(message.url);
    });
    child.once('exit', (code) => reject(new Error(`npm run web exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        // Already gone (a test may stop the server itself before close()): nothing left to kill.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid!, 'SIGTERM');
      }),
  };
}

export interface OpenedApp {
  app: WebApp;
  page: Page;
  /** Every response the page got with status 400 or more ("404 /favicon.ico"), as it arrived. */
  failedResponses: string[];
  close(): Promise<void>;
}

/**
 * `npm run web` in a scratch folder (its own settings file and user-data folder, so nothing lands
 * in the real one) and one Chromium page on it.
 */
export async function openApp(name: string, settingsYaml: string | null = null): Promise<OpenedApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gd-e2e-${name}-`));
  const args: string[] = [];
  if (settingsYaml !== null) {
    fs.writeFileSync(path.join(dir, 'secrets.yaml'), settingsYaml);
    args.push('--settings', path.join(dir, 'secrets.yaml'));
  }
  const app = await startWebApp(args, { XDG_CONFIG_HOME: path.join(dir, 'config') });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const failedResponses: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400)
      failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(app.url);
  return {
    app,
    page,
    failedResponses,
    async close() {
      await browser.close();
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first match's text, or '' while it is not there yet (for expect.poll). */
export const textOf = (locator: Locator): Promise<string> =>
  locator
    .first()
    .innerText({ timeout: 500 })
    .catch(() => '');

export const DEMO_LABEL = 'Demo — built-in broker and simulated stick';

/** As a technician does it: Live gateway tab, the Demo profile, the virtual stick (of `stick`'s kind), Start. */
export async function startDemo(page: Page, stick?: 'im871a' | 'iu891a'): Promise<void> {
  await page.getByRole('tab', { name: 'Live gateway' }).click();
  const ports = page.getByLabel('Serial port', { exact: true });
  // The port list arrives from main; wait until it is there before choosing from it.
  for (let i = 0; i < 100 && (await ports.locator('option').count()) === 0; i++)
    await page.waitForTimeout(50);
  await page.getByLabel('Profile', { exact: true }).selectOption({ label: DEMO_LABEL });
  await ports.selectOption('virtual');
  if (stick) await page.getByLabel('Stick', { exact: true }).selectOption(stick);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
}

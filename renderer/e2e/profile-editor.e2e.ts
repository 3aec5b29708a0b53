import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates, type TestCertificates } from '../../electron/core/mqtt/test-support/certs';
import { startMosquitto, type Mosquitto } from '../../electron/core/mqtt/test-support/mosquitto';
import { ARTIFACTS, openApp, type OpenedApp } from './harness';

// A technician adds a broker profile in the window instead of a text editor: fills the form,
// tests the login against a real TLS Mosquitto (a wrong password is 5, in words; the right one 0),
// saves, starts the gateway with it, and the file keeps every comment and every other profile.

const USER = 'gw-706462169';
const PASSWORD = 'form-pass-4c1e9b-never-shown';
const WRONG = 'form-wrong-77d2a0-never-shown';
const STORED = 'stored-pass-0b3f55-never-shown';
const EXAMPLE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../settings/secrets.example.yaml'),
  'utf8',
);
/** A hand-written profile with comments, an anchor, odd quoting and a key the app does not know. */
const BENCH = `# Hand-written bench profile: keep this comment
bench: &bench # anchored
  ip: 'bench.local' # single quotes
  password: "${STORED}"
  client_id: "bench:\\tlaptop" # double quotes with an escape
  colour: blue # a key the app does not know
`;
/** The shipped example plus the bench profile. */
const ORIGINAL = `${EXAMPLE}\n${BENCH}`;

let dir: string;
let certs: TestCertificates;
let broker: Mosquitto;
let opened: OpenedApp;
let page: Page;
let settingsFile: string;
const received: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-e2e-form-'));
  certs = makeTestCertificates(fs.mkdtempSync(path.join(dir, 'certs-')));
  broker = await startMosquitto({ dir, certs, users: { [USER]: PASSWORD } });
  opened = await openApp('profile-form', ORIGINAL);
  page = opened.page;
  // Everything main sent the page over the bridge: no password may be in it.
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));
  await page.reload();
  await page.getByRole('tab', { name: /Profiles/ }).click();
  await page.locator('.settings-file', { hasText: 'secrets.yaml' }).waitFor();
  settingsFile = await page.locator('.settings-file').innerText();
});

afterAll(async () => {
  await opened?.close();
  await broker?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const form = () => page.getByRole('form', { name: 'Profile form' });
const field = (label: string) => form().getByLabel(label, { exact: true });
const formOutcome = () => form().getByRole('status', { name: 'Connection outcome' }).locator('.outcome-line');

/** The outcome line of a test started from the profile list ('' until it is there). */
const listTestLine = (name: string) =>
  page
    .getByRole('region', { name: `Connection test of “${name}”` })
    .locator('.outcome-line')
    .innerText({ timeout: 500 })
    .catch(() => '');

async function shot(name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('the profile form against a TLS Mosquitto, in Chromium', () => {
  it("creates a profile in the form, with the loader's words for a mistake", async () => {
    await page.getByRole('button', { name: 'New profile' }).click();
    await field('Name').fill('lab-tls');
    await field('Host').fill('mqtts://127.0.0.1');
    await expect
      .poll(() => form().locator('[data-field="profile-ip"] .field-problem').innerText())
      .toMatch(
        /^ip must be a host name or address without a scheme, e\.g\. broker\.example\.com, got "mqtts:\/\/127\.0\.0\.1"; use port, tls and transport for the rest$/,
      );
    expect(await form().getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await field('Host').fill('127.0.0.1');
    await field('Port').fill(String(broker.ports.tls));
    await field('Username').fill(USER);
    await field('Password').fill(WRONG);
    await field('TLS').selectOption('true');
    await field('CA file').fill(certs.ca);
    await field('Gateway ID').fill('706462169');
    expect(await form().locator('.field-problem.error').count()).toBe(0);
    // The default the loader would derive is shown where nothing was typed.
    expect(await field('Subscribe topic').getAttribute('placeholder')).toBe('v2/706462169/sensors/set');
  });

  it('tests it: the wrong password is 5 in words, the right one 0, with the TLS details', async () => {
    await form().getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => formOutcome().innerText(), { timeout: 15_000 })
      .toBe('5 — Connection refused: not authorised.');
    expect(await form().locator('.outcome .hint').innerText()).toMatch(/check username and password first/);
    await field('Password').fill(PASSWORD);
    await form().getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => formOutcome().innerText(), { timeout: 15_000 }).toBe('0 — Connection accepted.');
    expect(await form().getByLabel('TLS details').innerText()).toMatch(/Verified\s+yes/);
    await shot('profile-form');
  });

  it('saves it into the same file, and the list shows it with its password only as "set"', async () => {
    await form().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('tr[data-profile="lab-tls"]').count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).innerText()).toContain(
      'Saved “lab-tls”',
    );
    expect(await page.locator('tr[data-profile="lab-tls"] td').nth(5).innerText()).toBe('set');
    const text = fs.readFileSync(settingsFile, 'utf8');
    expect(text.startsWith(ORIGINAL)).toBe(true);
    expect(text.slice(ORIGINAL.length)).toBe(
      [
        '',
        'lab-tls:',
        '  ip: 127.0.0.1',
        `  port: ${broker.ports.tls}`,
        `  username: ${USER}`,
        `  password: ${PASSWORD}`,
        '  tls: true',
        `  ca_file: ${certs.ca}`,
        "  gateway_id: '706462169'",
        '',
      ].join('\n'),
    );
    expect(fs.statSync(settingsFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(`${settingsFile}.bak`, 'utf8')).toBe(ORIGINAL);
  });

  it('tests the saved profile from the list', async () => {
    await page.locator('tr[data-profile="lab-tls"]').click();
    await page
      .getByRole('toolbar', { name: 'Profile actions' })
      .getByRole('button', { name: 'Test connection' })
      .click();
    await expect.poll(() => listTestLine('lab-tls'), { timeout: 15_000 }).toBe('0 — Connection accepted.');
  });

  it('starts the gateway with it', async () => {
    await page.getByRole('tab', { name: 'Live gateway' }).click();
    const ports = page.getByLabel('Serial port', { exact: true });
    await expect.poll(() => ports.locator('option').count()).toBeGreaterThan(0);
    await page.getByLabel('Profile', { exact: true }).selectOption('lab-tls');
    await ports.selectOption('virtual');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const live = page.getByRole('tabpanel', { name: 'Live gateway' });
    await expect
      .poll(
        () =>
          live
            .getByRole('status', { name: 'Connection outcome' })
            .locator('.outcome-line')
            .innerText({ timeout: 500 })
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toBe('0 — Connection accepted.');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.locator('.live').getAttribute('data-running')).toBe('false');
  });

  it('edits a hand-written profile in place: its comments, quoting and unknown key stay', async () => {
    await page.getByRole('tab', { name: /Profiles/ }).click();
    await page.locator('tr[data-profile="bench"]').dblclick();
    expect(await form().locator('.unknown-keys').innerText()).toContain('colour');
    expect(await form().locator('[data-secret="profile-password"] .secret-state').innerText()).toBe('set');
    await field('Port').fill('1884');
    await form().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved “bench”' }).count()).toBe(1);
    const text = fs.readFileSync(settingsFile, 'utf8');
    expect(text).toContain(`${BENCH}  port: 1884\n`);
  });

  it('never overwrites a file changed on disk: it says so and offers to reload', async () => {
    await page.locator('tr[data-profile="recalc"]').click();
    await page
      .getByRole('toolbar', { name: 'Profile actions' })
      .getByRole('button', { name: 'Edit' })
      .click();
    await field('Keep alive').fill('30');
    const changed = fs
      .readFileSync(settingsFile, 'utf8')
      .replace('keepalive: 60 # seconds', 'keepalive: 90 # seconds');
    fs.writeFileSync(settingsFile, changed);
    await form().getByRole('button', { name: 'Save' }).click();
    const conflict = form().locator('.conflict');
    await expect
      .poll(() => conflict.innerText({ timeout: 500 }).catch(() => ''))
      .toMatch(/changed on disk since this form read it/);
    await shot('profile-form-conflict');
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(changed);
    await conflict.getByRole('button', { name: 'Reload the file' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    await field('Keep alive').fill('30');
    await form().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved “recalc”' }).count()).toBe(1);
    expect(fs.readFileSync(settingsFile, 'utf8')).toContain('keepalive: 90 # seconds');
    expect(fs.readFileSync(settingsFile, 'utf8')).toMatch(
      /recalc:\n {2}ip: broker\.example\.com # host name or address of the MQTT broker\n.*\n {2}username: gw-000000000\n {2}password: 'change-me' # quote passwords so YAML keeps them as text\n {2}keepalive: 30\n/,
    );
  });

  it('duplicates a profile under a new name (the password comes along unseen), then deletes the copy', async () => {
    await page.locator('tr[data-profile="lab-tls"]').click();
    const toolbar = page.getByRole('toolbar', { name: 'Profile actions' });
    await toolbar.getByRole('button', { name: 'Duplicate' }).click();
    expect(await field('Name').inputValue()).toBe('lab-tls copy');
    expect(await form().locator('[data-secret="profile-password"] .secret-state').innerText()).toBe('set');
    await field('Name').fill('lab-tls-2');
    await form().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('tr[data-profile="lab-tls-2"]').count()).toBe(1);
    await toolbar.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => listTestLine('lab-tls-2'), { timeout: 15_000 }).toBe('0 — Connection accepted.');
    await toolbar.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('alertdialog', { name: 'Confirm delete' })
      .getByRole('button', { name: 'Delete “lab-tls-2”' })
      .click();
    await expect.poll(() => page.locator('tr[data-profile="lab-tls-2"]').count()).toBe(0);
    // Its test result went with it.
    expect(await listTestLine('lab-tls-2')).toBe('');
    expect(fs.readFileSync(settingsFile, 'utf8')).not.toContain('lab-tls-2');
  });

  it('kept every comment and every other profile of the original file', () => {
    const text = fs.readFileSync(settingsFile, 'utf8');
    // Each comment (the text from its #), in the original order.
    const comments = ORIGINAL.split('\n')
      .filter((line) => line.includes('#'))
      .map((line) => line.slice(line.indexOf('#')));
    let from = 0;
    for (const comment of comments) {
      const at = text.indexOf(comment, from);
      expect(at, comment).toBeGreaterThanOrEqual(0);
      from = at + comment.length;
    }
    // recalc-extended byte for byte, with only the change "another program" made on disk above.
    const extended = EXAMPLE.slice(
      EXAMPLE.indexOf('# The same broker with the optional extensions.'),
    ).replace('keepalive: 60 # seconds', 'keepalive: 90 # seconds');
    expect(text).toContain(extended);
  });

  it('never sent a password to the page, and never logged one', async () => {
    await page.getByRole('tab', { name: /Profiles/ }).click();
    await shot('profiles-list');
    const html = await page.content();
    for (const secret of [PASSWORD, WRONG, STORED, 'change-me']) {
      expect(received.join('\n')).not.toContain(secret);
      expect(opened.app.stderr()).not.toContain(secret);
    }
    for (const secret of [PASSWORD, WRONG, STORED]) expect(html).not.toContain(secret);
    expect(received.length).toBeGreaterThan(10);
  });

  it('reads well in the dark theme too (screenshot)', async () => {
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.locator('tr[data-profile="lab-tls"]').dblclick();
    await form().getByRole('button', { name: 'Replace' }).first().click();
    await field('Port').fill('0');
    await shot('profile-form-dark');
    expect(await form().locator('[data-field="profile-port"] .field-problem').innerText()).toBe(
      'port must be a whole number from 1 to 65535, got 0',
    );
    await form().getByRole('button', { name: 'Cancel' }).click();
  });
});

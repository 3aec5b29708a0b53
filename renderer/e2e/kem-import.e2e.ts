import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NEIGHBOUR } from '../../electron/core/demo';
import { kemFile, zipArchive } from '../../electron/core/kem/test-support/kem-writer';
import { ARTIFACTS, openApp, type OpenedApp, textOf } from './harness';

// Importing a Kamstrup KEM key file in Chromium, as a technician does: the file (built here, zipped)
// is picked on the Live gateway screen, a wrong password is said in words, the right one lists the
// meter, and after the import the meter is monitored: with the virtual stick, its telegrams decode.
// The file holds the key of the demo's neighbour meter, which the virtual stick plays.

const PASSWORD = 'Kunde-4711';
let opened: OpenedApp;
let page: Page;

const zip = zipArchive([
  {
    name: 'Order 4711/meters.kem',
    data: kemFile(
      'MetersInOrder',
      [{ id: DEMO_NEIGHBOUR.id, key: DEMO_NEIGHBOUR.keyHex, model: 'OmniPower' }],
      PASSWORD,
    ),
    method: 'deflated',
  },
]);

beforeAll(async () => {
  // `lab` points at a closed loopback port: decoding does not need the broker.
  opened = await openApp('kem', 'lab:\n  host: 127.0.0.1\n  port: 1\n  gateway_id: "706462169"\n');
  ({ page } = opened);
  await page.getByRole('tab', { name: 'Live gateway' }).click();
});

afterAll(async () => {
  await opened?.close();
});

const form = () => page.getByRole('form', { name: 'Import a KEM key file' });

describe('KEM import in Chromium', () => {
  it('says "wrong password" in words, then lists the meter with the right one', async () => {
    await page.getByRole('button', { name: 'Import KEM file…' }).click();
    await form()
      .getByLabel(/^KEM file/)
      .setInputFiles({ name: 'order-4711.zip', mimeType: 'application/zip', buffer: zip });
    const password = form().getByLabel(/^Password/);
    await password.fill('kunde-4711');
    const show = form().getByRole('button', { name: 'Show meters' });
    await expect.poll(() => show.isEnabled()).toBe(true);
    await show.click();
    await expect.poll(() => textOf(form().getByRole('alert'))).toMatch(/^Wrong password/);
    expect(await form().locator('table').count()).toBe(0);

    await password.fill(PASSWORD);
    await show.click();
    const row = form().locator(`[data-kem-meter="${DEMO_NEIGHBOUR.id}"]`);
    await expect.poll(() => textOf(row)).toContain('Kamstrup OmniPower electricity meter');
    expect(await row.innerText()).toMatch(
      /OmniPower\s+32666901\s+Electricity\s+Kamstrup OmniPower electricity meter\s+new/,
    );
    expect(await form().innerText()).toContain('meters.kem (in the zip archive)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'kem-import-preview.png'), fullPage: true });
  });

  it('imports the ticked meter: it is monitored, its card says where it came from', async () => {
    await form().getByRole('button', { name: 'Import 1 meter' }).click();
    await expect.poll(() => textOf(form().getByRole('status'))).toBe('1 meter imported.');
    expect(
      await form()
        .getByLabel(/^Password/)
        .inputValue(),
    ).toBe('');
    const card = page.locator(`[data-meter-id="${DEMO_NEIGHBOUR.id}"]`);
    await expect.poll(() => textOf(card)).toContain('imported from a KEM file');
    expect(await card.innerText()).toMatch(/monitored/);
    expect(await card.innerText()).toContain(`…${DEMO_NEIGHBOUR.keyHex.slice(-4)}`);
  });

  it('the next Start monitors it: with the virtual stick its telegrams decode', async () => {
    await page.getByLabel('Profile', { exact: true }).selectOption('lab');
    await page.getByLabel('Serial port', { exact: true }).selectOption('virtual');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const aPlus = page.locator(`[data-meter-id="${DEMO_NEIGHBOUR.id}"] [data-value="A+"]`);
    await expect.poll(() => textOf(aPlus), { timeout: 40_000, interval: 500 }).toMatch(/\d\.\d{2}\s*kWh/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kem-import-monitored.png'), fullPage: true });
    // The page never saw the key: not in its text, not in what the bridge brought it.
    expect((await page.content()).toUpperCase()).not.toContain(DEMO_NEIGHBOUR.keyHex.slice(0, 12));
  }, 60_000);
});

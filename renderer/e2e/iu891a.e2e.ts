import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc16X25 } from '../../electron/core/stick/crc16-x25';
import { ARTIFACTS, openApp, startDemo, type OpenedApp, textOf } from './harness';

// The window with an iU891A: the demo on the simulated iU891A (Radio card, meter values,
// commissioning), and a pasted iU891A serial read explained byte by byte, SLIP included.

const DEMO_METER = '32666857';
const KEY = '9A25139E3244CC2E391A8EF6B915B697';
/** The inspector suite's iM871A sample: a real OmniPower telegram (A+ 3.41 kWh) in an HCI frame. */
const HCI = 'a5820327442d2c5768663230028d201a13e00920dddf142f84b1107cae4e84dbcb98210fc275ddc868ce8d2554';
/** Its telegram from C: after SOF, endpoint, message id and length (0x27 bytes), before the CRC. */
const TELEGRAM_FROM_C = HCI.slice(8, 8 + 2 * 0x27);

let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('iu891a', null);
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

/**
 * A receive indication as the stick sends it, built here from the rules rather than with the
 * app's encoder: endpoint 09, message 20, timestamp, 3 status bytes, RSSI in dBm, the frame from L,
 * CRC-16/X.25 low byte first; then SLIP: END, escaped bytes (C0 → DB DC, DB → DB DD), END.
 */
function slipIndication(telegramFromC: string, rssiDbm: number): string {
  const fromC = Buffer.from(telegramFromC, 'hex');
  const body = Buffer.concat([
    Buffer.from([0x09, 0x20, 0x10, 0x20, 0x30, 0x40, 0x00, 0x00, 0x05, rssiDbm & 0xff, fromC.length]),
    fromC,
  ]);
  const crc = crc16X25(body);
  const message = Buffer.concat([body, Buffer.from([crc & 0xff, crc >> 8])]);
  const escaped: number[] = [];
  for (const byte of message) {
    if (byte === 0xc0) escaped.push(0xdb, 0xdc);
    else if (byte === 0xdb) escaped.push(0xdb, 0xdd);
    else escaped.push(byte);
  }
  return Buffer.from([0xc0, ...escaped, 0xc0]).toString('hex');
}

const live = () => page.getByRole('tabpanel', { name: 'Live gateway' });

describe('an iU891A in the window', () => {
  it('starts the demo on the simulated iU891A', async () => {
    await startDemo(page, 'iu891a');
  });

  it('names the stick on the Radio card: module, firmware and id, receiving in C1', async () => {
    const card = live().getByRole('region', { name: 'Radio (iU891A-XL)' });
    await expect.poll(() => textOf(card), { timeout: 20_000 }).toContain('iU891A-XL');
    await expect
      .poll(() => card.locator('[data-stick-state]').getAttribute('data-stick-state'), { timeout: 15_000 })
      .toMatch(/^(ready|receiving)$/);
    expect(await card.locator('[data-stick-kind]').getAttribute('data-stick-kind')).toBe('iu891a');
    expect(await card.locator('[data-link-mode]').innerText()).toBe('C1 format A');
    expect(await card.innerText()).toMatch(/Firmware\s+\d+\.\d+/);
    expect(await card.innerText()).toMatch(/Stick id\s+[0-9A-F]{8}/);
  });

  it('decodes the demo meter heard through it, with its signal in dBm', async () => {
    const card = live().locator(`[data-meter-id="${DEMO_METER}"]`);
    await expect
      .poll(() => textOf(card.locator('[data-value="A+"]')), { timeout: 20_000 })
      .toMatch(/\d\.\d{2}\s*kWh/);
    expect(await card.innerText()).toMatch(/-\d+\.\d dBm/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-iu891a.png'), fullPage: true });
  });

  it('puts the iU891A in the commissioning checklist', async () => {
    await page.getByRole('tab', { name: 'Commissioning' }).click();
    const step = page.getByRole('tabpanel', { name: 'Commissioning' }).locator('[data-step="stick"]');
    await expect
      .poll(() => step.getAttribute('data-state', { timeout: 500 }).catch(() => null), { timeout: 20_000 })
      .toBe('ok');
    expect(await step.innerText()).toMatch(/iU891A-XL/);
  });

  it('explains a pasted iU891A read byte by byte, SLIP included, and decodes it with the key', async () => {
    await page.getByRole('tab', { name: 'Telegram inspector' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Telegram inspector' });
    // RSSI -64 dBm is C0 on the wire: the escape shows in the fields.
    await panel.getByLabel('Telegram hex').fill(slipIndication(TELEGRAM_FROM_C, -64));
    await panel.getByLabel('AES key (optional)').fill(KEY);
    await panel.getByRole('button', { name: 'Explain', exact: true }).click();
    const frame = panel.locator('section.frame').first();
    await expect
      .poll(() => textOf(frame.locator('.frame-head')), { timeout: 10_000 })
      .toContain('iU891A SLIP frame');
    const table = frame.getByRole('table', { name: 'Fields of frame 1' });
    const text = await table.innerText();
    expect(text).toMatch(/END/);
    expect(text).toMatch(/-64/);
    expect(await frame.locator('[data-value="A+"] dd').innerText()).toBe('3.41 kWh');
    expect(await page.content()).not.toContain(KEY);
    await page.screenshot({ path: path.join(ARTIFACTS, 'inspector-iu891a.png'), fullPage: true });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, type OpenedApp, startDemo, textOf } from './harness';

// docs/ARCHITECTURE.md § Who it is for, job 3 in a real browser: the demo broker answers subscribe and publish, and what is
// published to a subscribed filter comes back into the message list.

let opened: OpenedApp;
let page: Page;

beforeAll(async () => {
  opened = await openApp('messages', 'lab:\n  host: 127.0.0.1\n  port: 1\n  gateway_id: "706462169"\n');
  ({ page } = opened);
});

afterAll(async () => {
  await opened?.close();
});

const panel = () => page.getByRole('tabpanel', { name: 'Messages' });
const composer = () => panel().getByRole('form', { name: 'Publish a message' });
const details = () => panel().getByRole('region', { name: 'Message details' });
const received = (topic: string) => panel().locator(`li[data-kind="received"][data-topic="${topic}"]`);

describe('messages screen in Chromium', () => {
  it('starts the demo on the live screen', async () => {
    await startDemo(page);
    await expect
      .poll(() => page.locator('[data-session-state]').first().getAttribute('data-session-state'), {
        timeout: 15_000,
      })
      .toBe('connected');
  });

  it('subscribes to test/# and shows the granted QoS', async () => {
    await page.getByRole('tab', { name: 'Messages' }).click();
    const form = panel().getByRole('form', { name: 'Subscribe to a topic' });
    await form.getByLabel('Topic filter').fill('test/#');
    await form.getByLabel('Subscription QoS').selectOption('1');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    const result = panel().getByRole('status', { name: 'Subscribe result' });
    await expect.poll(() => textOf(result)).toContain('test/#: granted QoS 1');
    const active = panel().getByRole('list', { name: 'Active subscriptions' });
    expect(await active.innerText()).toContain('test/#');
    expect(await active.getByRole('button', { name: 'Unsubscribe test/#' }).count()).toBe(1);
  });

  it('publishes JSON with QoS 1 (Ctrl+Enter), is acknowledged and receives it pretty-printed', async () => {
    await composer().getByLabel('Topic', { exact: true }).fill('test/a');
    await composer().getByLabel('Payload').fill('{"hello":1}');
    expect(await composer().locator('[data-check]').innerText()).toBe('Valid JSON.');
    await composer().getByLabel('QoS', { exact: true }).selectOption('1');
    await composer().getByLabel('Payload').press('Control+Enter');
    const result = composer().getByRole('status', { name: 'Publish result' });
    await expect
      .poll(() => textOf(result), { timeout: 10_000 })
      .toContain('State: acknowledged by the broker');
    const words = await result.innerText();
    expect(words).toContain('Result 0 — success');
    expect(words).toMatch(/Message id: \d+/);
    expect(words).toMatch(/PUBACK reason 0/);
    await expect.poll(() => received('test/a').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const item = received('test/a').first();
    // Rows are one line; the picked row is shown whole in the detail pane.
    await item.click();
    expect(await details().locator('pre').innerText()).toBe('{\n  "hello": 1\n}');
    const meta = await item.innerText();
    expect(meta).toContain('QoS 1');
    expect(meta).toContain('11 B');
  });

  it('marks invalid JSON and says where it breaks', async () => {
    await composer().getByLabel('Payload').fill('{"hello":}');
    const check = composer().locator('[data-check]');
    expect(await check.getAttribute('data-check')).toBe('text');
    expect(await check.innerText()).toMatch(/^Not valid JSON at line 1, column 10: .+sent as plain text\.$/);
    expect(await composer().getByLabel('Payload').getAttribute('aria-invalid')).toBe('true');
  });

  it('fills the sensors/set template from the gateway status', async () => {
    await composer().getByRole('button', { name: 'sensors/set template' }).click();
    const topic = await composer().getByLabel('Topic', { exact: true }).inputValue();
    expect(topic).toMatch(/^v2\/[^/<>]+\/sensors\/set$/);
    const payload = await composer().getByLabel('Payload').inputValue();
    expect(JSON.parse(payload)).toEqual(
      expect.arrayContaining([expect.objectContaining({ encryptionKey: '<32 hex digits>' })]),
    );
    expect(await composer().innerText()).toContain('keys stay in the main process');
  });

  it('filters the list by topic or payload text; Ctrl+F focuses the search', async () => {
    await composer().getByLabel('Topic', { exact: true }).fill('test/b');
    await composer().getByLabel('Payload').fill('plain words');
    await composer().getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => received('test/b').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await panel().getByRole('heading', { name: 'Subscriptions' }).click();
    await page.keyboard.press('Control+f');
    const search = panel().getByRole('searchbox', { name: 'Search messages' });
    expect(await search.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await search.fill('hello');
    const items = panel().getByRole('list', { name: 'Message list' }).locator('li');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().getAttribute('data-topic')).toBe('test/a');
    await search.fill('plain');
    await expect.poll(() => items.first().getAttribute('data-topic')).toBe('test/b');
    expect(await items.count()).toBe(1);
    await search.fill('');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'messages.png'), fullPage: true });
  });
});

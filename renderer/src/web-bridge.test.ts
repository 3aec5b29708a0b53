// @vitest-environment happy-dom
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/core/bridge/event-hub';
import { createRouter } from '../../electron/core/bridge/router';
import { testHandlers } from '../../electron/core/bridge/test-handlers';
import { startWebBridge, type WebBridge } from '../../electron/core/bridge/web-server';
import type { GatewayApi } from '../../shared/ipc/api';
import type { EventBatch } from '../../shared/ipc/contract';
import { API_GLOBAL } from '../../shared/ipc/names';

// The browser transport against the real web bridge: the bridge goes away and comes back on the
// same port, and the page is told both times (once each), with requests in between failing clearly.

const TOKEN = 'component-test-token';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bridge-client-'));
let bridge: WebBridge | null = null;

async function startBridge(port = 0): Promise<WebBridge> {
  const trusted = new Set<string>();
  const router = createRouter({
    isTrustedOrigin: (o) => o !== null && trusted.has(o),
    handlers: testHandlers({
      'app.info': () => ({ name: 'Gateway Diagnostics', version: '0.1.0', settingsSource: 'none' }),
    }),
  });
  const started = await startWebBridge({
    root,
    router,
    events: new EventHub({ intervalMs: 5 }),
    port,
    token: TOKEN,
  });
  for (const origin of started.origins) trusted.add(origin);
  return started;
}

async function until(what: string, predicate: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  await bridge?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('web bridge client', () => {
  it('reports the lost link once, fails requests with DISCONNECTED, and reports it restored', async () => {
    bridge = await startBridge();
    const port = bridge.port;
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      `http://127.0.0.1:${port}/?token=${TOKEN}`,
    );
    await import('./web-bridge');
    const api = (window as unknown as Record<string, GatewayApi>)[API_GLOBAL]!;
    // The token is kept for reloads and taken out of the address bar.
    expect(location.search).toBe('');
    const links: EventBatch['link'][] = [];
    api.events.subscribe((batch) => batch.link && links.push(batch.link));

    expect(await api.app.info()).toMatchObject({ ok: true, value: { version: '0.1.0' } });

    await bridge.close();
    bridge = null;
    await until('the lost link', () => links.length === 1);
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    // Several reconnect attempts failed meanwhile; the page heard of the outage once.
    expect(links).toEqual(['lost']);

    // A screen that subscribes during the outage learns of it at once.
    const late: EventBatch['link'][] = [];
    api.events.subscribe((batch) => batch.link && late.push(batch.link));
    await until('the late subscriber to hear of the outage', () => late.length === 1);
    expect(late).toEqual(['lost']);

    bridge = await startBridge(port);
    await until('the restored link', () => links.length === 2, 12_000);
    expect(links).toEqual(['lost', 'restored']);
    expect(await api.app.info()).toMatchObject({ ok: true, value: { name: 'Gateway Diagnostics' } });
  }, 30_000);
});

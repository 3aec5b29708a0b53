import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { SettingsView } from '../../../shared/settings';
import { EventHub } from './event-hub';
import { createRouter } from './router';
import { testHandlers } from './test-handlers';
import { injectBridgeClient, startWebBridge, type WebBridge } from './web-server';

const view: SettingsView = {
  file: '/x/secrets.yaml',
  loadedAt: '2026-11-25T10:00:00.000Z',
  profiles: [],
  problems: [],
};

let root: string;
let bridge: WebBridge;
let events: EventHub;

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-web-'));
  fs.writeFileSync(
    path.join(root, 'index.html'),
    '<html><head><script type="module" src="./app.js"></script></head></html>',
  );
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  events = new EventHub({ intervalMs: 5 });
  const trusted = new Set<string>();
  const router = createRouter({
    isTrustedOrigin: (o) => o !== null && trusted.has(o),
    handlers: testHandlers({
      'app.info': () => ({ name: 'GD', version: '1', settingsSource: 'none' }),
      'settings.get': () => view,
      'settings.reload': () => view,
    }),
  });
  bridge = await startWebBridge({ root, router, events, token: 'launch-token' });
  for (const o of bridge.origins) trusted.add(o);
});

afterEach(async () => {
  await bridge.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: bridge.port, path: pathname, headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on('error', reject);
    },
  );
}

function open(options: { token?: string; origin?: string | null } = {}) {
  const origin = options.origin === undefined ? `http://127.0.0.1:${bridge.port}` : options.origin;
  return new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${options.token ?? 'launch-token'}`, {
    headers: origin ? { Origin: origin } : {},
  });
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgradeStatus(ws: WebSocket) {
  return new Promise<number>((resolve) => {
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

function nextMessage(ws: WebSocket) {
  return new Promise<Record<string, unknown>>((resolve) =>
    ws.once('message', (d) => resolve(JSON.parse(String(d)))),
  );
}

describe('web bridge', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=launch-token`);
  });

  it('serves the UI with the bridge client loaded first and a strict CSP', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body.indexOf('/web-bridge.js')).toBeLessThan(res.body.indexOf('./app.js'));
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain(`ws://127.0.0.1:${bridge.port}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses paths outside the UI folder and unknown files', async () => {
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(400);
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { Host: `evil.example:${bridge.port}` })).status).toBe(403);
  });

  it('carries requests through the router for a page holding the token', async () => {
    const ws = open();
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 7, method: 'settings.get' }));
    expect(await nextMessage(ws)).toEqual({ id: 7, result: { ok: true, value: view } });
    ws.send(JSON.stringify({ id: 8, method: 'settings.get', input: 'x' }));
    expect(await nextMessage(ws)).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'BAD_REQUEST' } },
    });
    ws.send('not json');
    expect(await nextMessage(ws)).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'BAD_REQUEST' } },
    });
    ws.close();
  });

  it('pushes event batches to connected pages', async () => {
    const ws = open();
    await new Promise((r) => ws.once('open', r));
    events.publish('log', { time: '2026-11-25T10:00:00.000Z', level: 'info', message: 'hello' });
    expect(await nextMessage(ws)).toEqual({
      events: {
        events: [
          { stream: 'log', payload: { time: '2026-11-25T10:00:00.000Z', level: 'info', message: 'hello' } },
        ],
        dropped: 0,
      },
    });
    ws.close();
  });

  it('skips batches for a page that stops reading, then tells it how many events it missed', async () => {
    const slow = await startWebBridge({
      root,
      router: createRouter({ isTrustedOrigin: () => true, handlers: testHandlers({}) }),
      events,
      token: 'launch-token',
      maxBufferedBytes: 256 * 1024,
    });
    const ws = new WebSocket(`ws://127.0.0.1:${slow.port}/bridge?token=launch-token`, {
      headers: { Origin: `http://127.0.0.1:${slow.port}` },
    });
    try {
      await new Promise((r) => ws.once('open', r));
      let received = 0;
      let dropped = 0;
      ws.on('message', (d) => {
        const batch = (JSON.parse(String(d)) as { events: EventBatch }).events;
        received += batch.events.length;
        dropped += batch.dropped;
      });
      // The page stops reading: the kernel buffers fill, then the server's own send buffer would.
      ws.pause();
      const big = 'x'.repeat(32 * 1024);
      let published = 0;
      for (let round = 0; round < 40; round++) {
        for (let i = 0; i < 50; i++, published++)
          events.publish('log', { time: '2026-11-25T10:00:00.000Z', level: 'info', message: big });
        events.flush();
        await new Promise((r) => setTimeout(r, 5));
      }
      ws.resume();
      // Every event either arrived or was counted as dropped; the count comes without a new batch.
      await vi.waitFor(() => expect(received + dropped).toBe(published), { timeout: 10_000, interval: 50 });
      expect(dropped).toBeGreaterThan(0);
      expect(received).toBeGreaterThan(0);
      // Drained: the next batch is sent whole again, with nothing left to report.
      const before = received;
      events.publish('log', { time: '2026-11-25T10:00:01.000Z', level: 'info', message: 'after' });
      events.flush();
      await vi.waitFor(() => expect(received).toBe(before + 1), { timeout: 5_000, interval: 20 });
      expect(received + dropped).toBe(published + 1);
    } finally {
      ws.close();
      await slow.close();
    }
  });

  it('refuses a wrong token, another origin and a missing origin', async () => {
    expect(await upgradeStatus(open({ token: 'guess' }))).toBe(401);
    expect(await upgradeStatus(open({ origin: 'http://127.0.0.1:9' }))).toBe(403);
    expect(await upgradeStatus(open({ origin: 'https://evil.example' }))).toBe(403);
    expect(await upgradeStatus(open({ origin: null }))).toBe(403);
  });
});

describe('injectBridgeClient', () => {
  it('puts the bridge script before the first script, or at the end of head', () => {
    expect(injectBridgeClient('<head><script src="a"></script></head>')).toBe(
      '<head><script type="module" src="/web-bridge.js"></script><script src="a"></script></head>',
    );
    expect(injectBridgeClient('<head></head>')).toBe(
      '<head><script type="module" src="/web-bridge.js"></script></head>',
    );
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { EventBatch } from '../../../shared/ipc/contract';
import { WEB_BRIDGE_PATH } from '../../../shared/ipc/names';
import { contentSecurityPolicy } from './csp';
import type { EventHub } from './event-hub';
import type { Router } from './router';
import { contentTypeFor, resolveStaticPath } from './static-files';

export interface WebBridgeOptions {
  /** The built renderer (out/renderer). */
  root: string;
  router: Router;
  events: EventHub;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed only in tests; otherwise a fresh random token per launch. */
  token?: string;
  /** Above this many bytes waiting for a page, its event batches are dropped and counted (default 4 MB). */
  maxBufferedBytes?: number;
}

export interface WebBridge {
  url: string;
  port: number;
  token: string;
  /** The page origins the bridge accepts; the router should trust exactly these. */
  origins: string[];
  close(): Promise<void>;
}

/** The one interface we listen on: the bridge must never be reachable from the network. */
const HOST = '127.0.0.1';
/** The script that provides `window.gatewayDiagnostics` over the WebSocket (a renderer build entry). */
const BRIDGE_CLIENT = '/web-bridge.js';
const MAX_MESSAGE_BYTES = 1 << 20;
/** A page that reads slower than events arrive must not grow the server's memory without bound. */
const MAX_BUFFERED_BYTES = 4 << 20;
/** How often a skipped page is checked for a drained buffer when no new batch comes to carry the count. */
const DRAIN_CHECK_MS = 100;

const RequestEnvelope = z.object({
  id: z.number().int().nonnegative(),
  method: z.string(),
  input: z.unknown().optional(),
});

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/**
 * Serves the built UI and carries the IPC contract over a WebSocket through the same router,
 * so the renderer runs in any browser. Only pages we served (same origin) holding this launch's
 * token can open the socket; other local pages and DNS-rebinding hosts are refused.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);
  const hosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const csp = contentSecurityPolicy({ connectSrc: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] });

  server.on('request', (req, res) => {
    void serveStatic(options.root, csp, hosts, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const refusal =
      url.pathname !== WEB_BRIDGE_PATH
        ? '404 Not Found'
        : !hosts.has(req.headers.host ?? '') || !origins.has(req.headers.origin ?? '')
          ? '403 Forbidden'
          : !safeEqual(url.searchParams.get('token') ?? '', token)
            ? '401 Unauthorized'
            : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, req.headers.origin ?? null, options));
  });

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    origins: [...origins],
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function attachClient(ws: WebSocket, origin: string | null, options: WebBridgeOptions): void {
  const { router, events } = options;
  const send = (message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = sendEventsWithBackpressure(ws, events, options.maxBufferedBytes ?? MAX_BUFFERED_BYTES);
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    void (async () => {
      let envelope: z.infer<typeof RequestEnvelope>;
      try {
        if (isBinary) throw new Error('binary frame');
        envelope = RequestEnvelope.parse(JSON.parse(data.toString()));
      } catch {
        send({
          id: null,
          result: { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed bridge message.' } },
        });
        return;
      }
      // The origin was checked at upgrade; the router checks it again like any other caller.
      const result = await router.handle({ origin }, envelope.method, envelope.input);
      send({ id: envelope.id, result });
    })();
  });
}

/**
 * Pushes event batches to one page while its socket keeps up. When more than `limit` bytes wait
 * unsent, batches are skipped and their events counted; once the buffer drains, the count rides in
 * the next batch's `dropped` (or an empty batch of its own), so the page can say what it missed.
 */
function sendEventsWithBackpressure(ws: WebSocket, events: EventHub, limit: number): () => void {
  let missed = 0;
  let drainCheck: NodeJS.Timeout | null = null;
  const deliver = (batch: EventBatch) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > limit) {
      missed += batch.events.length + batch.dropped;
      drainCheck ??= setInterval(reportMissedOnceDrained, DRAIN_CHECK_MS).unref();
      return;
    }
    const out = missed > 0 ? { ...batch, dropped: batch.dropped + missed } : batch;
    missed = 0;
    ws.send(JSON.stringify({ events: out }));
  };
  const reportMissedOnceDrained = () => {
    if (ws.readyState !== ws.OPEN || missed === 0) return stopDrainCheck();
    if (ws.bufferedAmount <= limit) {
      deliver({ events: [], dropped: 0 });
      stopDrainCheck();
    }
  };
  const stopDrainCheck = () => {
    if (drainCheck) clearInterval(drainCheck);
    drainCheck = null;
  };
  const unsubscribe = events.subscribe(deliver);
  return () => {
    unsubscribe();
    stopDrainCheck();
  };
}

async function serveStatic(
  root: string,
  csp: string,
  hosts: Set<string>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  const reply = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { ...headers, 'Content-Type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (!hosts.has(req.headers.host ?? '')) return reply(403, 'Forbidden host.');
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method not allowed.');
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const file = resolveStaticPath(root, pathname);
  if (!file) return reply(400, 'Bad path.');
  try {
    let body = await fs.readFile(file);
    if (file.endsWith('index.html')) body = Buffer.from(injectBridgeClient(body.toString('utf8')));
    reply(200, body, contentTypeFor(file));
  } catch {
    reply(404, `Not found: ${pathname}`);
  }
}

/** Loads the bridge client before the app's own module, so the API exists when React starts. */
export function injectBridgeClient(html: string): string {
  const tag = `<script type="module" src="${BRIDGE_CLIENT}"></script>`;
  const at = html.indexOf('<script');
  return at === -1 ? html.replace('</head>', `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at);
}

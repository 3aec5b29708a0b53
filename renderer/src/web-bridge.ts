/**
 * Browser transport: provides `window.gatewayDiagnostics` over the web bridge's WebSocket, so the
 * React app finds the same API object it finds under Electron (where the preload provides it).
 * Loaded by the web bridge before the app's own script; never part of the Electron window.
 */
import { createGatewayApi } from '../../shared/ipc/api';
import type { BridgeLinkChange, EventBatch } from '../../shared/ipc/contract';
import { API_GLOBAL, WEB_BRIDGE_PATH, type RequestMethod } from '../../shared/ipc/names';
import type { Result } from '../../shared/ipc/result';

const TOKEN_KEY = 'gd.bridgeToken';
const DISCONNECTED =
  'No connection to the app. Is npm run web still running, and was this page opened with the address it printed?';

/** The launch token arrives in the URL once; keep it for reloads and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();
const listeners = new Set<(batch: EventBatch) => void>();
const pending = new Map<number, (result: Result<unknown>) => void>();
const outbox: string[] = [];
let socket: WebSocket | null = null;
let nextId = 1;
let retryMs = 250;
/** Whether the page can reach the core; reported to listeners only when it changes. */
let linkUp = true;

function reportLink(change: BridgeLinkChange): void {
  const up = change === 'restored';
  if (up === linkUp) return;
  linkUp = up;
  const batch: EventBatch = { events: [], dropped: 0, link: change };
  for (const listener of listeners) listener(batch);
}

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}${WEB_BRIDGE_PATH}?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.onopen = () => {
    retryMs = 250;
    for (const message of outbox.splice(0)) ws.send(message);
    reportLink('restored');
  };
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as
      { id: number | null; result: Result<unknown> } | { events: EventBatch };
    if ('events' in message) {
      for (const listener of listeners) listener(message.events);
    } else if (message.id !== null) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  };
  ws.onclose = () => {
    socket = null;
    // Requests in flight will not be answered by this socket: say so instead of hanging.
    outbox.length = 0;
    for (const [id, resolve] of pending) {
      resolve({ ok: false, error: { code: 'DISCONNECTED', message: DISCONNECTED } });
      pending.delete(id);
    }
    reportLink('lost');
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

function invoke(method: RequestMethod, input: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  const message = JSON.stringify({ id, method, input });
  return new Promise((resolve) => {
    pending.set(id, resolve);
    if (socket?.readyState === WebSocket.OPEN) socket.send(message);
    else outbox.push(message);
  });
}

connect();
Object.defineProperty(window, API_GLOBAL, {
  value: Object.freeze(
    createGatewayApi({
      invoke,
      subscribe(listener) {
        listeners.add(listener);
        // A screen that starts listening during an outage learns of it at once.
        if (!linkUp)
          queueMicrotask(() => {
            if (!linkUp && listeners.has(listener)) listener({ events: [], dropped: 0, link: 'lost' });
          });
        return () => listeners.delete(listener);
      },
    }),
  ),
});

/**
 * The names of the contract, free of zod so the sandboxed preload and the web-bridge client stay tiny.
 * `contract.ts` is checked against these lists at compile time.
 */
export const REQUEST_METHODS = [
  'app.info',
  'settings.get',
  'settings.reload',
  'ports.list',
  'gateway.status',
  'gateway.start',
  'gateway.stop',
  'meters.add',
  'meters.remove',
  'mqtt.publish',
  'mqtt.subscribe',
  'mqtt.unsubscribe',
  'telegram.explain',
] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

export const EVENT_STREAMS = [
  'settings.changed',
  'log',
  'gateway.status',
  'gateway.event',
  'mqtt.message',
] as const;
export type EventStream = (typeof EVENT_STREAMS)[number];

/** Electron IPC channels: one for requests, one for event batches. */
export const IPC_REQUEST_CHANNEL = 'gd:request';
export const IPC_EVENT_CHANNEL = 'gd:events';

/** The global under which the renderer finds its API, whichever transport provides it. */
export const API_GLOBAL = 'gatewayDiagnostics';

/** The web bridge's WebSocket path. */
export const WEB_BRIDGE_PATH = '/bridge';

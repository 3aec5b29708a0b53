import type { requestContract } from './contract';

/**
 * The names of the contract, free of zod so the sandboxed preload and the web-bridge client stay tiny.
 * The requests themselves (inputs, outputs) are `requestContract` in contract.ts: the one table.
 */

/** Every request the renderer may make: the keys of `requestContract`, `group.name` each. */
export type RequestMethod = keyof typeof requestContract;

/**
 * The same names as a runtime list for the code that cannot load zod. The compiler holds it to the
 * table both ways: a name without a request, or a request missing here, does not compile.
 */
export const REQUEST_METHODS = [
  'app.info',
  'settings.get',
  'settings.reload',
  'profiles.read',
  'profiles.save',
  'profiles.delete',
  'profiles.test',
  'dialog.pickFile',
  'ports.list',
  'gateway.status',
  'gateway.start',
  'gateway.stop',
  'meters.add',
  'meters.remove',
  'kem.preview',
  'kem.import',
  'mqtt.publish',
  'mqtt.subscribe',
  'mqtt.unsubscribe',
  'telegram.explain',
  'capture.start',
  'capture.stop',
  'capture.list',
  'replay.open',
  'replay.control',
] as const satisfies readonly RequestMethod[];

type Unlisted = Exclude<RequestMethod, (typeof REQUEST_METHODS)[number]>;
const _everyRequestListed: [Unlisted] extends [never] ? true : { notInRequestMethods: Unlisted } = true;

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

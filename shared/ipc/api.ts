import type { EventBatch, RequestInput, RequestOutput } from './contract';
import type { RequestMethod } from './names';
import type { Result } from './result';

/** What a transport (Electron IPC or the web bridge) must provide. */
export interface BridgeTransport {
  invoke(method: RequestMethod, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (batch: EventBatch) => void): () => void;
}

type Call<M extends RequestMethod> =
  RequestInput<M> extends undefined
    ? () => Promise<Result<RequestOutput<M>>>
    : (input: RequestInput<M>) => Promise<Result<RequestOutput<M>>>;

/** The object the renderer uses: named methods only, never a generic `invoke` or `ipcRenderer`. */
export interface GatewayApi {
  app: { info: Call<'app.info'> };
  settings: { get: Call<'settings.get'>; reload: Call<'settings.reload'> };
  ports: { list: Call<'ports.list'> };
  gateway: { status: Call<'gateway.status'>; start: Call<'gateway.start'>; stop: Call<'gateway.stop'> };
  meters: { add: Call<'meters.add'>; remove: Call<'meters.remove'> };
  mqtt: {
    publish: Call<'mqtt.publish'>;
    subscribe: Call<'mqtt.subscribe'>;
    unsubscribe: Call<'mqtt.unsubscribe'>;
  };
  telegram: { explain: Call<'telegram.explain'> };
  events: { subscribe(listener: (batch: EventBatch) => void): () => void };
}

export function createGatewayApi(transport: BridgeTransport): GatewayApi {
  const call =
    <M extends RequestMethod>(method: M) =>
    (input?: unknown) =>
      transport.invoke(method, input) as Promise<Result<RequestOutput<M>>>;
  return {
    app: { info: call('app.info') },
    settings: { get: call('settings.get'), reload: call('settings.reload') },
    ports: { list: call('ports.list') },
    gateway: { status: call('gateway.status'), start: call('gateway.start'), stop: call('gateway.stop') },
    meters: { add: call('meters.add'), remove: call('meters.remove') },
    mqtt: {
      publish: call('mqtt.publish'),
      subscribe: call('mqtt.subscribe'),
      unsubscribe: call('mqtt.unsubscribe'),
    },
    telegram: { explain: call('telegram.explain') },
    events: { subscribe: (listener) => transport.subscribe(listener) },
  };
}

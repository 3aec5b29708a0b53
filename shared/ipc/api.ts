import type { EventBatch, RequestInput, RequestOutput } from './contract';
import { REQUEST_METHODS, type RequestMethod } from './names';
import type { Result } from './result';

/** What a transport (Electron IPC or the web bridge) must provide. */
export interface BridgeTransport {
  invoke(method: RequestMethod, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (batch: EventBatch) => void): () => void;
}

/** One request as a method: no argument when the request takes no input. */
type Call<M extends RequestMethod> =
  RequestInput<M> extends undefined
    ? () => Promise<Result<RequestOutput<M>>>
    : (input: RequestInput<M>) => Promise<Result<RequestOutput<M>>>;

/** `gateway` of 'gateway.start'. */
type GroupOf<M extends string> = M extends `${infer Group}.${string}` ? Group : never;
type RequestGroup = GroupOf<RequestMethod>;

interface EventsApi {
  events: { subscribe(listener: (batch: EventBatch) => void): () => void };
}

/**
 * The object the renderer uses: named methods only, never a generic `invoke` or `ipcRenderer`.
 * Derived from the request table: 'meters.add' is `api.meters.add(input)`, and so on for each.
 */
export type GatewayApi = {
  [Group in RequestGroup]: {
    [M in RequestMethod as M extends `${Group}.${infer Name}` ? Name : never]: Call<M>;
  };
} & EventsApi;

// `events` belongs to the event subscription, and a method is exactly `group.name`.
const _noRequestGroupNamedEvents: [Extract<RequestGroup, keyof EventsApi>] extends [never] ? true : never =
  true;
const _oneDotPerMethod: [Extract<RequestMethod, `${string}.${string}.${string}`>] extends [never]
  ? true
  : never = true;

export function createGatewayApi(transport: BridgeTransport): GatewayApi {
  const api: Record<string, Record<string, unknown>> = {
    events: { subscribe: (listener: (batch: EventBatch) => void) => transport.subscribe(listener) },
  };
  for (const method of REQUEST_METHODS) {
    const [group, name] = method.split('.') as [RequestGroup, string];
    (api[group] ??= {})[name] = (input?: unknown) => transport.invoke(method, input);
  }
  // Built from the same list the type is built from; api-shape.test.ts checks every leaf.
  return api as unknown as GatewayApi;
}

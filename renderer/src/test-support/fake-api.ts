// The real `createGatewayApi` over a transport of our own: every request is recorded and answered
// by the test's handlers, and the test pushes event batches as main would. React and the DOM are real.
import { createGatewayApi, type GatewayApi } from '../../../shared/ipc/api';
import type { BridgeEvent, BridgeLinkChange, EventBatch, RequestOutput } from '../../../shared/ipc/contract';
import type { RequestMethod } from '../../../shared/ipc/names';
import type { BridgeErrorInfo, Result } from '../../../shared/ipc/result';

export interface RecordedCall {
  method: RequestMethod;
  input: unknown;
}

type Handler<M extends RequestMethod> = (
  input: unknown,
) => Result<RequestOutput<M>> | Promise<Result<RequestOutput<M>>>;

export interface FakeApi {
  api: GatewayApi;
  calls: RecordedCall[];
  /** Inputs of every call of one method, oldest first. */
  inputsOf(method: RequestMethod): unknown[];
  /** How `method` answers from now on. */
  answer<M extends RequestMethod>(method: M, handler: Handler<M>): void;
  /** Delivers one batch to every listener, as the event hub does. */
  emit(events: BridgeEvent[], dropped?: number): void;
  /** The web bridge's report that its socket closed or is open again. */
  link(change: BridgeLinkChange): void;
  listeners(): number;
}

export const okResult = <T>(value: T): Result<T> => ({ ok: true, value });
export const failed = (code: BridgeErrorInfo['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

export function fakeApi(): FakeApi {
  const calls: RecordedCall[] = [];
  const handlers = new Map<RequestMethod, Handler<RequestMethod>>();
  const listeners = new Set<(batch: EventBatch) => void>();
  const deliver = (batch: EventBatch) => {
    for (const listener of [...listeners]) listener(batch);
  };
  const api = createGatewayApi({
    async invoke(method, input) {
      calls.push({ method, input });
      const handler = handlers.get(method);
      // An unanswered request is a test mistake: say which one instead of hanging.
      if (!handler) return failed('NOT_FOUND', `fake API: no answer set for ${method}`);
      return handler(input);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    inputsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.input),
    answer: (method, handler) => void handlers.set(method, handler as Handler<RequestMethod>),
    emit: (events, dropped = 0) => deliver({ events, dropped }),
    link: (change) => deliver({ events: [], dropped: 0, link: change }),
    listeners: () => listeners.size,
  };
}

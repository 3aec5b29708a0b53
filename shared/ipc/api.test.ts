import { describe, expect, it } from 'vitest';
import { createGatewayApi, type BridgeTransport } from './api';
import { requestContract, type EventBatch } from './contract';
import { REQUEST_METHODS } from './names';

/** A transport that records what the API sends. */
function recordingTransport() {
  const sent: Array<[string, unknown]> = [];
  const listeners: Array<(batch: EventBatch) => void> = [];
  const transport: BridgeTransport = {
    invoke: (method, input) => {
      sent.push([method, input]);
      return Promise.resolve({ ok: true, value: method });
    },
    subscribe: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  return { transport, sent, listeners };
}

describe('the API built from the request table', () => {
  it('lists at run time exactly the requests of the contract', () => {
    expect([...REQUEST_METHODS].sort()).toEqual(Object.keys(requestContract).sort());
  });

  it('has api.group.name for every request, sending that request with its input', async () => {
    const { transport, sent } = recordingTransport();
    const api = createGatewayApi(transport) as unknown as Record<
      string,
      Record<string, (x?: unknown) => unknown>
    >;
    for (const method of REQUEST_METHODS) {
      const [group, name] = method.split('.') as [string, string];
      await expect(api[group]![name]!({ for: method })).resolves.toEqual({ ok: true, value: method });
    }
    expect(sent).toEqual(REQUEST_METHODS.map((m) => [m, { for: m }]));
    const methods = Object.entries(api).flatMap(([group, members]) =>
      Object.keys(members).map((n) => `${group}.${n}`),
    );
    expect(methods.sort()).toEqual([...REQUEST_METHODS, 'events.subscribe'].sort());
  });

  it('calls a request without input with no argument, as the renderer does', async () => {
    const { transport, sent } = recordingTransport();
    const api = createGatewayApi(transport);
    await api.gateway.status();
    await api.meters.remove({ deviceId: '32666857' });
    expect(sent).toEqual([
      ['gateway.status', undefined],
      ['meters.remove', { deviceId: '32666857' }],
    ]);
  });

  it('subscribes to event batches through the transport', () => {
    const { transport, listeners } = recordingTransport();
    const api = createGatewayApi(transport);
    const seen: EventBatch[] = [];
    const unsubscribe = api.events.subscribe((batch) => seen.push(batch));
    listeners.forEach((l) => l({ events: [], dropped: 2 }));
    unsubscribe();
    expect(seen).toEqual([{ events: [], dropped: 2 }]);
    expect(listeners).toHaveLength(0);
  });
});

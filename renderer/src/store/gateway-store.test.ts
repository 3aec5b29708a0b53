import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { commissioningFacts } from '../commissioning/facts-feed';
import { gatewayHistory } from '../live/gateway-history';
import { meterState, published, statusWith, telegram } from '../live/test-data';
import { failed, okResult, type FakeApi } from '../test-support/fake-api';
import { APP_INFO, SETTINGS } from '../test-support/realistic';
import { fakeApiWithDefaults, VIRTUAL_PORT } from '../test-support/render-screen';
import { createGatewayStore, type GatewayStore } from './gateway-store';

const statusEvent = (payload: GatewayStatus) => ({ stream: 'gateway.status' as const, payload });
const gatewayEvent = (payload: ReturnType<typeof telegram>) => ({
  stream: 'gateway.event' as const,
  payload,
});
/** Lets the fake's answers (promises) settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A request the test answers when it chooses. */
function deferred<T>() {
  let resolve!: (value: Result<T>) => void;
  const promise = new Promise<Result<T>>((r) => (resolve = r));
  return { promise, resolve };
}

async function connected(status: GatewayStatus | null = statusWith({ revision: 10 })) {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => (status ? okResult(status) : failed('NOT_RUNNING', 'not yet')));
  const store = createGatewayStore(fake.api);
  const disconnect = store.connect();
  await settle();
  return { fake, store, disconnect };
}

const shownRevision = (store: GatewayStore) => store.getState().gateway.value?.revision;
const count = (fake: FakeApi, method: Parameters<FakeApi['inputsOf']>[0]) => fake.inputsOf(method).length;

describe('the gateway store reads what the screens share', () => {
  it('reads the app info, settings, ports and status once on connect', async () => {
    const { fake, store } = await connected();
    expect(fake.calls.map((c) => c.method).sort()).toEqual([
      'app.info',
      'gateway.status',
      'ports.list',
      'settings.get',
    ]);
    const state = store.getState();
    expect(state.info).toEqual({ value: APP_INFO, error: null });
    expect(state.settings).toEqual({ value: SETTINGS, error: null, reloading: false });
    expect(state.ports).toEqual({ value: [VIRTUAL_PORT], error: null, refreshing: false });
    expect(shownRevision(store)).toBe(10);
  });

  it('keeps what it read before and says why a later read failed', async () => {
    const { fake, store } = await connected();
    fake.answer('ports.list', () => failed('INTERNAL', 'serialport: permission denied'));
    store.refreshPorts();
    expect(store.getState().ports.refreshing).toBe(true);
    await settle();
    expect(store.getState().ports).toEqual({
      value: [VIRTUAL_PORT],
      error: { code: 'INTERNAL', message: 'serialport: permission denied' },
      refreshing: false,
    });
  });

  it('takes the settings from settings.changed events and from a reload', async () => {
    const { fake, store } = await connected();
    const changed = { ...SETTINGS, file: '/etc/gd/changed.yaml' };
    fake.emit([{ stream: 'settings.changed', payload: changed }]);
    expect(store.getState().settings.value).toBe(changed);
    const reloaded = { ...SETTINGS, file: '/etc/gd/reloaded.yaml' };
    fake.answer('settings.reload', () => okResult(reloaded));
    store.reloadSettings();
    expect(store.getState().settings.reloading).toBe(true);
    await settle();
    expect(store.getState().settings).toEqual({ value: reloaded, error: null, reloading: false });
  });
});

describe('revision order', () => {
  it('ignores a snapshot older than one already shown (a request answer can overtake a batch)', async () => {
    const { fake, store } = await connected(null);
    const newer = statusWith({ revision: 8, monitored: [] });
    const older = statusWith({ revision: 7, meters: [meterState('12345678', { monitored: true })] });
    const seen: EventBatch[] = [];
    store.onBatch((batch) => seen.push(batch));
    expect(store.feed(gatewayHistory).status).toBeNull();

    await store.statusFrom(Promise.resolve(okResult(newer)));
    expect(store.getState().gateway.value).toBe(newer);
    expect(store.feed(gatewayHistory).status).toBe(newer);

    fake.emit([statusEvent(older), gatewayEvent(telegram('32666857'))]);
    expect(store.getState().gateway.value).toBe(newer);
    expect(store.feed(gatewayHistory).status).toBe(newer);
    // The rest of the batch still counts; the stale snapshot is not passed on.
    expect(store.feed(gatewayHistory).telegramsReceived).toBe(1);
    expect(seen[0]!.events.map((e) => e.stream)).toEqual(['gateway.event']);

    const later = statusWith({ revision: 9 });
    fake.emit([statusEvent(later)]);
    expect(store.getState().gateway.value).toBe(later);
    expect(store.feed(gatewayHistory).status).toBe(later);
  });

  it('compares each snapshot of a batch with the one before it', async () => {
    const { fake, store } = await connected(statusWith({ revision: 3 }));
    fake.emit([statusEvent(statusWith({ revision: 5 })), statusEvent(statusWith({ revision: 4 }))]);
    expect(shownRevision(store)).toBe(5);
  });

  it('keeps a snapshot that arrived while the first read was in flight over the older answer', async () => {
    const fake = fakeApiWithDefaults();
    const answer = deferred<GatewayStatus>();
    fake.answer('gateway.status', () => answer.promise);
    const store = createGatewayStore(fake.api);
    store.connect();
    fake.emit([statusEvent(statusWith({ revision: 21 }))]);
    answer.resolve(okResult(statusWith({ revision: 20 })));
    await settle();
    expect(shownRevision(store)).toBe(21);
    expect(store.getState().gateway.error).toBeNull();
  });

  it('leaves a feed untouched by an older snapshot (the commissioning facts)', async () => {
    const { fake, store } = await connected(statusWith({ revision: 30 }));
    const facts = store.feed(commissioningFacts);
    expect(facts.status?.revision).toBe(30);
    fake.emit([statusEvent(statusWith({ revision: 29 }))]);
    expect(store.feed(commissioningFacts)).toBe(facts);
  });
});

describe('after an outage of the link', () => {
  it('shows the outage, then reads everything again once', async () => {
    const { fake, store } = await connected();
    const before = fake.calls.length;
    fake.link('lost');
    expect(store.getState().link.lost).toBe(true);
    expect(store.getState().link.lostAt).toEqual(expect.any(Number));
    fake.link('lost');
    expect(fake.calls.length).toBe(before);

    fake.link('restored');
    expect(store.getState().link).toEqual({ lost: false, lostAt: null });
    await settle();
    expect(
      fake.calls
        .slice(before)
        .map((c) => c.method)
        .sort(),
    ).toEqual(['app.info', 'gateway.status', 'ports.list', 'settings.get']);
  });

  it('takes the status of a restarted core, whose revisions start again at 1', async () => {
    const { fake, store } = await connected(statusWith({ revision: 57 }));
    const restarted = statusWith({ revision: 1, running: false });
    fake.answer('gateway.status', () => okResult(restarted));
    fake.link('lost');
    fake.link('restored');
    await settle();
    expect(store.getState().gateway.value).toBe(restarted);
    expect(store.feed(gatewayHistory).status).toBe(restarted);
    // From then on the order holds again.
    fake.emit([statusEvent(statusWith({ revision: 1 }))]);
    expect(store.getState().gateway.value).toBe(restarted);
  });

  it('takes a new snapshot sent right after the link is back, and not the older answer after it', async () => {
    const { fake, store } = await connected(statusWith({ revision: 57 }));
    const answer = deferred<GatewayStatus>();
    fake.answer('gateway.status', () => answer.promise);
    fake.link('lost');
    fake.link('restored');
    fake.emit([statusEvent(statusWith({ revision: 3 }))]);
    expect(shownRevision(store)).toBe(3);
    answer.resolve(okResult(statusWith({ revision: 2 })));
    await settle();
    expect(shownRevision(store)).toBe(3);
  });

  it('says why the status could not be read again, and keeps the last one', async () => {
    const { fake, store } = await connected(statusWith({ revision: 12 }));
    fake.answer('gateway.status', () => failed('DISCONNECTED', 'No connection to the app.'));
    fake.link('lost');
    fake.link('restored');
    await settle();
    expect(store.getState().gateway).toEqual({
      value: expect.objectContaining({ revision: 12 }),
      error: { code: 'DISCONNECTED', message: 'No connection to the app.' },
    });
  });
});

describe('the transport subscription', () => {
  it('is one, however often the store is connected, and ends with the last disconnect', async () => {
    const { fake, store, disconnect } = await connected();
    const again = store.connect();
    expect(fake.listeners()).toBe(1);
    expect(count(fake, 'gateway.status')).toBe(1);
    disconnect();
    disconnect();
    expect(fake.listeners()).toBe(1);
    again();
    expect(fake.listeners()).toBe(0);
  });

  it('shows no answer that comes after the disconnect', async () => {
    const fake = fakeApiWithDefaults();
    const answer = deferred<GatewayStatus>();
    fake.answer('gateway.status', () => answer.promise);
    const store = createGatewayStore(fake.api);
    const disconnect = store.connect();
    disconnect();
    answer.resolve(okResult(statusWith()));
    await settle();
    expect(store.getState().gateway.value).toBeNull();
  });

  it('tells its listeners once per batch, and not for a batch that changed nothing they read', async () => {
    const { fake, store } = await connected();
    store.feed(gatewayHistory);
    let calls = 0;
    store.subscribe(() => calls++);
    fake.emit([gatewayEvent(telegram('32666857')), gatewayEvent(published(1))]);
    expect(calls).toBe(1);
    fake.emit([statusEvent(statusWith({ revision: 1 }))]);
    expect(calls).toBe(1);
  });
});

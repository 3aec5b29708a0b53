// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayHistory } from '../live/gateway-history';
import { statusWith, telegram } from '../live/test-data';
import { okResult } from '../test-support/fake-api';
import { fakeApiWithDefaults } from '../test-support/render-screen';
import { createGatewayStore, type GatewayStore } from './gateway-store';
import {
  GatewayStoreProvider,
  useBridgeLink,
  useFeed,
  useGatewayEvents,
  useGatewayStatus,
  usePorts,
  useSettings,
} from './hooks';

afterEach(cleanup);

/** Counts the listeners the store has right now, by watching `subscribe` and `onBatch`. */
function watchListeners(store: GatewayStore) {
  const active = { state: 0, batch: 0 };
  const subscribe = store.subscribe;
  store.subscribe = (listener) => {
    active.state++;
    const unsubscribe = subscribe(listener);
    return () => {
      active.state--;
      unsubscribe();
    };
  };
  const onBatch = store.onBatch.bind(store);
  store.onBatch = (listener) => {
    active.batch++;
    const unsubscribe = onBatch(listener);
    return () => {
      active.batch--;
      unsubscribe();
    };
  };
  return active;
}

function Revision({ name }: { name: string }) {
  const { value } = useGatewayStatus();
  return <p data-testid={name}>{value?.revision ?? 'none'}</p>;
}

function Telegrams() {
  const history = useFeed(gatewayHistory);
  return <p data-testid="telegrams">{history.telegramsReceived}</p>;
}

function BatchCounter() {
  const [batches, setBatches] = useState(0);
  useGatewayEvents(() => setBatches((n) => n + 1));
  return <p data-testid="batches">{batches}</p>;
}

function Everything() {
  const link = useBridgeLink();
  const ports = usePorts();
  const settings = useSettings();
  return (
    <p data-testid="everything">
      {link.lost ? 'lost' : 'up'} {ports.ports?.length ?? 0} ports {settings.view?.profiles.length ?? 0}{' '}
      profiles
    </p>
  );
}

function setup() {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(statusWith({ revision: 4 })));
  const store = createGatewayStore(fake.api);
  const active = watchListeners(store);
  const ui = (withExtra: boolean) => (
    <GatewayStoreProvider store={store}>
      <Revision name="a" />
      <Revision name="b" />
      <Telegrams />
      <Everything />
      {withExtra && (
        <>
          <Revision name="c" />
          <BatchCounter />
        </>
      )}
    </GatewayStoreProvider>
  );
  const view = render(ui(true));
  return { fake, store, active, view, ui };
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('the store in React', () => {
  it('has one subscription to the transport however many components read it', async () => {
    const { fake, active } = setup();
    await waitFor(() => expect(text('a')).toBe('4'));
    expect(text('everything')).toBe('up 1 ports 3 profiles');
    expect(fake.listeners()).toBe(1);
    expect(fake.inputsOf('gateway.status')).toHaveLength(1);
    expect(active.state).toBeGreaterThanOrEqual(5);
    expect(active.batch).toBe(1);

    act(() => fake.emit([{ stream: 'gateway.status', payload: statusWith({ revision: 6 }) }]));
    expect([text('a'), text('b'), text('c')]).toEqual(['6', '6', '6']);
    act(() => fake.emit([{ stream: 'gateway.event', payload: telegram('32666857') }]));
    expect(text('telegrams')).toBe('1');
    expect(text('batches')).toBe('2');
    act(() => fake.link('lost'));
    expect(text('everything')).toMatch(/^lost/);
  });

  it('unsubscribes a component that unmounts, and the transport when the provider does', async () => {
    const { fake, active, view, ui } = setup();
    await waitFor(() => expect(text('a')).toBe('4'));
    const withAll = active.state;
    view.rerender(ui(false));
    expect(active.state).toBe(withAll - 1);
    expect(active.batch).toBe(0);
    expect(fake.listeners()).toBe(1);

    view.unmount();
    expect(active.state).toBe(0);
    expect(fake.listeners()).toBe(0);
  });

  it('says where a component that reads the store without its provider belongs', () => {
    const quiet = console.error;
    console.error = () => undefined;
    try {
      expect(() => render(<Revision name="alone" />)).toThrow(/inside <GatewayStoreProvider>/);
    } finally {
      console.error = quiet;
    }
  });
});

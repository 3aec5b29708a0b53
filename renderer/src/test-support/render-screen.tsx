// A screen as the app shows it: inside the provider of a gateway store of its own, over a fake API.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { SerialPortView } from '../../../shared/gateway';
import { createGatewayStore, type GatewayStore } from '../store/gateway-store';
import { GatewayStoreProvider } from '../store/hooks';
import { fakeApi, okResult, type FakeApi } from './fake-api';
import { APP_INFO, SETTINGS } from './realistic';

export const VIRTUAL_PORT: SerialPortView = {
  path: 'virtual',
  label: 'Simulated iM871A (demo meters)',
  stick: 'im871a',
  virtual: true,
};

/**
 * A fake API that already answers what the store reads for every screen (app info, the settings
 * with their profiles, the ports, an empty captures folder); a test sets `gateway.status` and
 * overrides any of these.
 */
export function fakeApiWithDefaults(): FakeApi {
  const fake = fakeApi();
  fake.answer('app.info', () => okResult(APP_INFO));
  fake.answer('settings.get', () => okResult(SETTINGS));
  fake.answer('ports.list', () => okResult([VIRTUAL_PORT]));
  fake.answer('capture.list', () => okResult({ folder: null, files: [] }));
  return fake;
}

export function renderScreen(ui: ReactElement, fake: FakeApi): GatewayStore {
  const store = createGatewayStore(fake.api);
  render(<GatewayStoreProvider store={store}>{ui}</GatewayStoreProvider>);
  return store;
}

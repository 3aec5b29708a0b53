// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../shared/gateway';
import { batch, confirmed, published, session } from '../live/test-data';
import { failed, okResult } from '../test-support/fake-api';
import { refusedOutcome, runningDemo, stopped } from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { CommissioningScreen } from './CommissioningScreen';

afterEach(cleanup);

function show(status: GatewayStatus) {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(status));
  renderScreen(<CommissioningScreen />, fake);
  return fake;
}

const step = (id: string) => document.querySelector(`[data-step="${id}"]`) as HTMLElement;
const states = () =>
  Object.fromEntries(
    [...document.querySelectorAll('[data-step]')].map((s) => [
      s.getAttribute('data-step'),
      s.getAttribute('data-state'),
    ]),
  );

describe('Commissioning screen', () => {
  it('says what to do first when nothing runs', async () => {
    show(stopped());
    await waitFor(() =>
      expect(step('stick').textContent).toContain('Start the gateway on the Live gateway tab.'),
    );
    expect(states()).toEqual({
      stick: 'pending',
      meter: 'pending',
      key: 'pending',
      broker: 'pending',
      config: 'pending',
      data: 'pending',
    });
    expect(screen.getByText('0 of 6 done')).toBeTruthy();
  });

  it('turns each step green with its reason as the demo runs and its messages come back', async () => {
    const fake = show(runningDemo());
    await waitFor(() => expect(step('broker').getAttribute('data-state')).toBe('ok'));
    expect(step('stick').textContent).toContain('iM871A, firmware 0x14 on virtual (receiving).');
    expect(step('meter').textContent).toContain('Meter 32666857 heard at -62.0 dBm.');
    expect(step('key').textContent).toContain('Meter 32666857: 41 telegrams decrypted.');
    expect(step('config').getAttribute('data-state')).toBe('pending');
    expect(step('config').textContent).toContain('waiting for one — send sensors/set from the Messages tab');

    const config = 'v2/706462169/kam-32666857/config';
    const data = 'v2/706462169/kam-32666857/data';
    act(() =>
      fake.emit(batch(published(1, 'acknowledged', config), published(2, 'acknowledged', data)).events),
    );
    expect(step('data').textContent).toContain(`${data} acknowledged; waiting for the broker echo.`);
    act(() => fake.emit(batch(confirmed(1, 12, config), confirmed(2, 7, data)).events));
    expect(Object.values(states())).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(step('data').textContent).toContain(`${data} confirmed by echo in 7 ms.`);
    expect(screen.getByText('6 of 6 done')).toBeTruthy();
    // The record below never carries the meter's key, only its last four digits at most.
    expect(document.body.textContent).not.toMatch(/9A25139E3244CC2E391A8EF6B915B697/i);
    // Its date reads the same in any country: ISO order, 24 h clock, the UTC offset.
    const date = screen.getByText('Date').nextElementSibling!.textContent;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)$/);
  });

  it('shows a refused broker in red with its code, words and hint', async () => {
    show(runningDemo({ session: session('refused', { outcome: refusedOutcome() }) }));
    await waitFor(() => expect(step('broker').getAttribute('data-state')).toBe('error'));
    expect(step('broker').textContent).toContain('5 — Connection refused: not authorised.');
    expect(step('broker').textContent).toContain('check username and password first');
    expect(step('broker').textContent).toContain('— failed');
  });

  it('shows a failed status request', async () => {
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => failed('DISCONNECTED', 'No connection to the app.'));
    renderScreen(<CommissioningScreen />, fake);
    expect(
      await screen.findByText('Could not read the gateway status: No connection to the app.'),
    ).toBeTruthy();
  });
});

// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus, SerialPortView } from '../../shared/gateway';
import { App } from './App';
import { SCREENS } from './screens';
import { session } from './live/test-data';
import { failed, fakeApi, okResult, type FakeApi } from './test-support/fake-api';
import { APP_INFO, runningDemo, SETTINGS, stopped } from './test-support/realistic';

afterEach(cleanup);

const PORTS: SerialPortView[] = [
  { path: '/dev/ttyUSB0', label: 'iM871A (IMST) /dev/ttyUSB0', stick: 'im871a', virtual: false },
  { path: 'virtual', label: 'Simulated iM871A (demo meters)', stick: 'im871a', virtual: true },
];
const LOST = 'Connection to the app lost — reconnecting…';

/** The app against a fake of its API; `status` is what `gateway.status` answers right now. */
function startApp(initial: GatewayStatus) {
  const fake = fakeApi();
  let status = initial;
  fake.answer('app.info', () => okResult(APP_INFO));
  fake.answer('settings.get', () => okResult(SETTINGS));
  fake.answer('ports.list', () => okResult(PORTS));
  fake.answer('gateway.status', () => okResult(status));
  fake.answer('capture.list', () => okResult({ folder: null, files: [] }));
  render(<App api={fake.api} />);
  return { fake, setStatus: (next: GatewayStatus) => (status = next) };
}

const count = (fake: FakeApi, method: Parameters<FakeApi['inputsOf']>[0]) => fake.inputsOf(method).length;
const liveSessionState = () =>
  screen.getByRole('tabpanel', { name: 'Live gateway' }).querySelector('[data-session-state]');

describe('the link to the core', () => {
  it('shows a banner while the link is down, and re-reads everything when it is back', async () => {
    const { fake, setStatus } = startApp(stopped());
    await screen.findByText('v0.1.0');
    // One store reads the status for every screen, once.
    await waitFor(() => expect(count(fake, 'gateway.status')).toBe(1));
    expect(screen.queryByText(LOST)).toBeNull();
    const before = {
      status: count(fake, 'gateway.status'),
      settings: count(fake, 'settings.get'),
      ports: count(fake, 'ports.list'),
      info: count(fake, 'app.info'),
    };

    act(() => fake.link('lost'));
    const banner = screen.getByText(LOST).closest('[role="alert"]')!;
    expect(banner.textContent).toContain('npm run web');

    // A request made during the outage fails, and the failure is shown where it was asked for.
    fake.answer('gateway.start', () =>
      failed('DISCONNECTED', 'No connection to the app. Is `npm run web` still running?'),
    );
    const live = within(screen.getByRole('tabpanel', { name: 'Live gateway' }));
    await waitFor(() =>
      expect((live.getByLabelText('Serial port') as HTMLSelectElement).disabled).toBe(false),
    );
    fireEvent.click(live.getByRole('button', { name: 'Start' }));
    expect((await live.findByRole('alert')).textContent).toContain('No connection to the app.');

    // Meanwhile the core restarted and the demo was started again (its revisions start over at 1).
    setStatus(runningDemo({ revision: 1, session: session('connected') }));
    act(() => fake.link('restored'));
    await waitFor(() => expect(screen.queryByText(LOST)).toBeNull());
    await waitFor(() => expect(liveSessionState()?.getAttribute('data-session-state')).toBe('connected'));
    expect(count(fake, 'settings.get')).toBe(before.settings + 1);
    expect(count(fake, 'ports.list')).toBe(before.ports + 1);
    expect(count(fake, 'app.info')).toBe(before.info + 1);
    // Read again once, for Live, Messages and Commissioning alike.
    expect(count(fake, 'gateway.status')).toBe(before.status + 1);
    const messages = document.getElementById('panel-messages')!;
    await waitFor(() => expect(messages.textContent).toContain('session connected'));
    // Subscriptions cannot be re-read yet: the screen says they may be gone.
    expect(messages.querySelector('[aria-label="Subscribe result"]')!.textContent).toContain(
      'If the app restarted meanwhile, these subscriptions are gone',
    );
    const commissioning = document.getElementById('panel-commissioning')!;
    expect(commissioning.querySelector('[data-step="stick"]')!.getAttribute('data-state')).toBe('ok');
  });

  it('never shows the banner when the transport never reports a lost link (Electron)', async () => {
    const { fake } = startApp(runningDemo());
    await screen.findByText('v0.1.0');
    act(() => fake.emit([{ stream: 'gateway.status', payload: runningDemo() }]));
    expect(screen.queryByText(LOST)).toBeNull();
  });

  it('shows why the version and the profiles could not be read', async () => {
    const fake = fakeApi();
    fake.answer('app.info', () => failed('INTERNAL', 'app.info failed: out of memory'));
    fake.answer('settings.get', () => failed('DISCONNECTED', 'No connection to the app.'));
    fake.answer('ports.list', () => okResult(PORTS));
    fake.answer('gateway.status', () => okResult(stopped()));
    render(<App api={fake.api} />);
    expect((await screen.findByText(/Could not read the app version/)).textContent).toBe(
      'Could not read the app version: app.info failed: out of memory',
    );
    expect(await screen.findByText('Could not read the profiles: No connection to the app.')).toBeTruthy();
  });
});

describe('the screens', () => {
  const selected = () => screen.getByRole('tab', { selected: true }).textContent;
  const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = window) =>
    act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init })));

  it('are the tabs of the table, in its order, each with its panel and shortcut', async () => {
    startApp(stopped());
    await screen.findByText('v0.1.0');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-keyshortcuts')])).toEqual(
      SCREENS.map((s) => [s.title, s.shortcut]),
    );
    for (const entry of SCREENS) {
      const panel = document.getElementById(`panel-${entry.id}`)!;
      expect(panel.getAttribute('aria-labelledby')).toBe(`tab-${entry.id}`);
      expect(panel.hidden).toBe(entry !== SCREENS[0]);
    }
    fireEvent.click(screen.getByRole('tab', { name: 'Commissioning' }));
    expect(document.getElementById('panel-commissioning')!.hidden).toBe(false);
    expect(document.getElementById('panel-live')!.hidden).toBe(true);
  });

  it('open with their key, but not while typing or with Ctrl held', async () => {
    startApp(stopped());
    await screen.findByText('v0.1.0');
    press('3');
    expect(selected()).toBe('Telegram inspector');
    press('1', { ctrlKey: true });
    expect(selected()).toBe('Telegram inspector');
    const hex = screen.getByRole('tabpanel', { name: 'Telegram inspector' }).querySelector('textarea')!;
    press('1', {}, hex);
    expect(selected()).toBe('Telegram inspector');
    press('1');
    expect(selected()).toBe('Live gateway');
  });

  it('show the settings errors on the Profiles tab from any screen', async () => {
    const fake = fakeApi();
    fake.answer('app.info', () => okResult(APP_INFO));
    fake.answer('ports.list', () => okResult(PORTS));
    fake.answer('gateway.status', () => okResult(stopped()));
    fake.answer('settings.get', () =>
      okResult({
        ...SETTINGS,
        problems: [
          { severity: 'error', file: 'settings.yaml', line: 4, key: 'recalc.port', message: 'not a number' },
          { severity: 'warning', file: 'settings.yaml', line: 9, key: 'recalc.qos', message: 'unknown key' },
        ],
      }),
    );
    render(<App api={fake.api} />);
    expect((await screen.findByLabelText('1 settings errors')).textContent).toBe('1');
  });
});

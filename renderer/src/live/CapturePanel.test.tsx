// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureListView, ReplayStatusView } from '../../../shared/capture';
import type { GatewayStatus } from '../../../shared/gateway';
import { okResult } from '../test-support/fake-api';
import { runningDemo, stopped } from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { formatDuration, replayProgress, replayTitle } from './capture-words';
import { LiveScreen } from './LiveScreen';

afterEach(cleanup);

const FOLDER = '/home/tech/.config/Gateway Diagnostics/captures';
const LIST: CaptureListView = {
  folder: FOLDER,
  files: [
    {
      name: 'capture-2026-12-06T22-50-25Z.gdcap.gz',
      path: `${FOLDER}/capture-2026-12-06T22-50-25Z.gdcap.gz`,
      bytes: 48_213,
      modifiedAt: '2026-12-06T22:55:00.000Z',
    },
    {
      name: 'simulation_omnipower.txt',
      path: `${FOLDER}/simulation_omnipower.txt`,
      bytes: 92,
      modifiedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
};

const replay = (change: Partial<ReplayStatusView> = {}): ReplayStatusView => ({
  file: LIST.files[0]!.path,
  format: 'gdcap',
  recordedAt: '2026-12-06T22:50:25.000Z',
  recordedWith: 'profile demo, the virtual stick, link mode c1a, Gateway Diagnostics 0.1.0',
  speed: 10,
  paused: false,
  finished: false,
  telegrams: 1234,
  positionMs: 65_000,
  problems: [],
  problemCount: 0,
  ...change,
});

function setUp(status: GatewayStatus) {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(status));
  fake.answer('capture.list', () => okResult(LIST));
  renderScreen(<LiveScreen />, fake);
  return fake;
}

const panel = () => screen.getByRole('region', { name: 'Capture and replay' });
const button = (name: string) => within(panel()).getByRole<HTMLButtonElement>('button', { name });

describe('capture and replay on the Live gateway screen', () => {
  it('records only while the gateway runs, and then shows the file it writes to', async () => {
    const fake = setUp(stopped());
    await waitFor(() => expect(fake.inputsOf('gateway.status')).toHaveLength(1));
    expect(button('Record a capture').disabled).toBe(true);

    cleanup();
    const running = setUp(runningDemo());
    // Built when asked: the answer is newer than the status shown (snapshots go by revision).
    const capture = {
      file: `${FOLDER}/capture-x.gdcap.gz`,
      startedAt: '2026-12-06T22:50:25.000Z',
      records: 1500,
      dropped: 0,
    };
    running.answer('capture.start', () => okResult(runningDemo({ capture })));
    await waitFor(() => expect(button('Record a capture').disabled).toBe(false));
    fireEvent.click(button('Record a capture'));
    const chip = await within(panel()).findByRole('status', { name: 'Recording' });
    expect(chip.textContent).toContain(`Recording to ${FOLDER}/capture-x.gdcap.gz — 1,500 records`);
    expect(running.inputsOf('capture.start')).toEqual([undefined]);
    expect(fake.inputsOf('capture.start')).toEqual([]);
  });

  it('lists the captures folder and opens the chosen file at the chosen speed', async () => {
    const fake = setUp(stopped());
    fake.answer('replay.open', () => okResult(statusWithReplay(replay())));
    const files = await within(panel()).findByRole('combobox', { name: 'Capture file' });
    await waitFor(() => expect(within(files).getAllByRole('option')).toHaveLength(2));
    expect(within(panel()).getByText(FOLDER)).toBeTruthy();
    fireEvent.change(files, { target: { value: 'simulation_omnipower.txt' } });
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'Replay speed' }), {
      target: { value: 'max' },
    });
    fireEvent.click(within(panel()).getByRole('button', { name: 'Open replay' }));
    await waitFor(() =>
      expect(fake.inputsOf('replay.open')).toEqual([{ name: 'simulation_omnipower.txt', speed: null }]),
    );
    const bar = await within(panel()).findByRole('status', { name: 'Replay' });
    expect(bar.textContent).toContain('Replay of capture-2026-12-06T22-50-25Z.gdcap.gz (recorded 2026-12-06');
    expect(bar.textContent).toContain('Read-only: nothing is published');
    // The idle hint does not cover a replay that has not shown a telegram yet.
    expect(screen.queryByText(/Pick the/)).toBeNull();
  });

  it('pauses, changes speed and closes a replay; lines that could not be read are listed', async () => {
    const fake = setUp(
      statusWithReplay(
        replay({
          problemCount: 1,
          problems: [
            {
              line: 812,
              message:
                'line 812 is cut short (the recording ended while it was written); the lines before it replay',
            },
          ],
        }),
      ),
    );
    fake.answer('replay.control', (input) =>
      okResult(statusWithReplay(replay(input as Partial<ReplayStatusView>))),
    );
    fake.answer('gateway.stop', () => okResult(stopped()));
    const bar = await within(panel()).findByRole('status', { name: 'Replay' });
    expect(within(bar).getByText(/1 line of capture-.* could not be read/)).toBeTruthy();
    expect(bar.textContent).toContain('line 812 is cut short');
    fireEvent.click(within(bar).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(fake.inputsOf('replay.control')).toEqual([{ paused: true }]));
    await within(bar).findByRole('button', { name: 'Resume' });
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Speed of this replay' }), {
      target: { value: '60' },
    });
    await waitFor(() => expect(fake.inputsOf('replay.control')).toContainEqual({ speed: 60 }));
    // Each control waits for the answer before the next may be sent.
    const close = within(bar).getByRole<HTMLButtonElement>('button', { name: 'Close replay' });
    await waitFor(() => expect(close.disabled).toBe(false));
    fireEvent.click(close);
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Replay' })).toBeNull());
  });
});

describe('replay words', () => {
  it('says where a replay is and where it came from', () => {
    expect(replayProgress(replay())).toBe('1,234 telegrams · 1:05 of recording · playing at 10×');
    expect(replayProgress(replay({ paused: true, telegrams: 1 }))).toBe(
      '1 telegram · 1:05 of recording · paused',
    );
    expect(replayProgress(replay({ finished: true, speed: null }))).toContain('finished');
    expect(replayTitle(replay({ format: 'wmbusmeters', recordedAt: null, file: 'C:\\caps\\sim.txt' }))).toBe(
      'Replay of sim.txt (a wmbusmeters simulation file)',
    );
    expect(formatDuration(3_909_000)).toBe('1:05:09');
  });
});

function statusWithReplay(value: ReplayStatusView): GatewayStatus {
  return { ...stopped(), replay: value };
}

import { describe, expect, it } from 'vitest';
import type { SerialPortView } from '../../../shared/gateway';
import type { ProfileView } from '../../../shared/settings';
import {
  DEMO_LABEL,
  defaultPort,
  defaultProfile,
  groupPorts,
  profileLabel,
  startProgress,
  stickNames,
} from './start-progress';
import { session, statusWith } from './test-data';

const port = (path: string, change: Partial<SerialPortView> = {}): SerialPortView => ({
  path,
  label: path,
  stick: null,
  virtual: false,
  ...change,
});
const stick = port('/dev/serial/by-id/usb-IMST_iM871A', { stick: 'im871a' });
const iu891a = port('/dev/ttyACM0', { stick: 'iu891a' });
const virtual = port('virtual', { virtual: true, label: 'Virtual stick' });
const other = port('/dev/ttyS0');

describe('startProgress', () => {
  it('says what is still under way', () => {
    expect(startProgress('start', null)).toBe('Starting…');
    expect(startProgress(null, statusWith({ session: session('connecting') }))).toBe(
      'Connecting… Opening stick…',
    );
    expect(
      startProgress(
        null,
        statusWith({ session: session('connected'), stick: { state: 'opening', path: 'virtual' } }),
      ),
    ).toBe('Opening stick…');
    expect(startProgress('stop', statusWith())).toBe('Stopping…');
  });

  it('is silent once both are up, and when idle', () => {
    const up = statusWith({ session: session('connected'), stick: { state: 'receiving', path: 'virtual' } });
    expect(startProgress(null, up)).toBeNull();
    expect(startProgress(null, statusWith({ running: false }))).toBeNull();
  });
});

describe('choices', () => {
  const profiles = [
    { name: 'demo', demo: true },
    { name: 'recalc', demo: false, host: 'broker.example.com', port: 8883 },
  ] as ProfileView[];

  it('labels the demo profile for what it is', () => {
    expect(profileLabel(profiles[0]!)).toBe(DEMO_LABEL);
    expect(profileLabel(profiles[1]!)).toBe('recalc — broker.example.com:8883');
  });

  it('defaults to the remembered profile, else the demo', () => {
    expect(defaultProfile(profiles, 'recalc')).toBe('recalc');
    expect(defaultProfile(profiles, 'gone')).toBe('demo');
    expect(defaultProfile([], null)).toBe('');
  });

  it('defaults to the remembered port, else a stick of either kind, else the simulated stick', () => {
    expect(defaultPort([other, virtual, stick], '/dev/ttyS0')).toBe('/dev/ttyS0');
    expect(defaultPort([other, virtual, stick], '/dev/ttyUSB9')).toBe(stick.path);
    expect(defaultPort([other, virtual, iu891a], null)).toBe(iu891a.path);
    expect(defaultPort([other, virtual], null)).toBe('virtual');
  });

  it('groups the ports sticks first and leaves out empty groups', () => {
    expect(
      groupPorts([other, virtual, stick, iu891a]).map((g) => [g.label, g.ports.map((p) => p.path)]),
    ).toEqual([
      ['wM-Bus sticks', [stick.path, iu891a.path]],
      ['Simulated', ['virtual']],
      ['Other serial ports', ['/dev/ttyS0']],
    ]);
    expect(groupPorts([virtual]).map((g) => g.label)).toEqual(['Simulated']);
  });

  it('names the kinds of stick plugged in, each once, and nothing for the simulated one', () => {
    expect(stickNames([other, stick, iu891a, port('/dev/ttyUSB3', { stick: 'im871a' })])).toBe(
      'iM871A, iU891A',
    );
    expect(stickNames([iu891a])).toBe('iU891A');
    expect(stickNames([other, { ...virtual, stick: 'im871a' }])).toBeNull();
  });
});

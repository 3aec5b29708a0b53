import { describe, expect, it, vi } from 'vitest';
import { Im871a } from './device';
import type { StickStatus, ReceivedTelegram } from './device-types';
import { StickError } from './errors';
import { FakePort } from './fixtures/fake-port';
import { encodeHciFrame } from './hci';
import { describeOpenError } from './serial-port';

const PERMISSION_ADVICE =
  'permission denied on /dev/ttyUSB0: add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again';

function deviceWith(ports: FakePort[], options: { exists?: () => Promise<boolean> } = {}) {
  const opened: FakePort[] = [];
  const device = new Im871a({
    path: '/dev/ttyUSB0',
    platform: 'linux',
    openPort: () => {
      const port = ports.shift() ?? new FakePort();
      opened.push(port);
      return port;
    },
    exists: options.exists ?? (async () => true),
    requestTimeoutMs: 200,
    reconnectIntervalMs: 20,
    presenceCheckMs: 0,
  });
  const statuses: StickStatus[] = [];
  device.on('status', (status) => statuses.push(status));
  return { device, opened, statuses };
}

describe('Im871a faults', () => {
  it('turns EACCES into the dialout advice, as open() error and as status', async () => {
    const denied = Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), {});
    const { device, statuses } = deviceWith([new FakePort(denied)]);
    await expect(device.open()).rejects.toThrow(PERMISSION_ADVICE);
    expect(statuses.at(-1)).toEqual({ state: 'error', path: '/dev/ttyUSB0', reason: PERMISSION_ADVICE });
  });

  it('reports a port that is not there, through the real serialport binding', async () => {
    const device = new Im871a({ path: '/dev/serial/by-id/no-such-im871a', platform: 'linux' });
    const error = await device.open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StickError);
    expect(error).toMatchObject({ code: 'PORT_NOT_FOUND' });
    expect(device.status.state).toBe('error');
  });

  it('fails the request in flight when closed, and refuses requests while closed', async () => {
    const silent = new FakePort(undefined, (request) =>
      request.messageId === 0x01 ? encodeHciFrame({ endpoint: 1, messageId: 0x02 }) : undefined,
    );
    const { device } = deviceWith([silent]);
    await device.open();
    const waiting = device.getConfig();
    await vi.waitFor(() => expect(silent.received.map((frame) => frame.messageId)).toEqual([0x01, 0x05]));
    await device.close();
    await expect(waiting).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(device.ping()).rejects.toThrow('cannot send ping: /dev/ttyUSB0 is not open');
    expect(device.status.state).toBe('closed');
  });

  it('emits telegrams without RSSI when the stick attaches none, and ignores other endpoints', async () => {
    const port = new FakePort();
    const { device } = deviceWith([port]);
    const telegrams: ReceivedTelegram[] = [];
    device.on('telegram', (telegram) => telegrams.push(telegram));
    await device.open();
    port.emit('data', encodeHciFrame({ endpoint: 3, messageId: 0x03, payload: Buffer.of(1) }));
    port.emit(
      'data',
      encodeHciFrame({ endpoint: 2, messageId: 0x03, payload: Buffer.of(0x44), timestamp: 7 }),
    );
    expect(telegrams).toEqual([
      {
        frame: Buffer.of(0x44),
        rssi: undefined,
        rssiDbm: undefined,
        timestamp: 7,
        receivedAt: expect.any(Number),
      },
    ]);
    await device.close();
  });

  it('waits for an unplugged port to come back, then reopens and re-applies the config', async () => {
    let present = false;
    const first = new FakePort(undefined, (request) =>
      encodeHciFrame({ endpoint: 1, messageId: request.messageId + 1, payload: Buffer.of(0) }),
    );
    const second = new FakePort(undefined, (request) =>
      encodeHciFrame({ endpoint: 1, messageId: request.messageId + 1, payload: Buffer.of(0) }),
    );
    const { device, statuses, opened } = deviceWith([first, second], { exists: async () => present });
    await device.open();
    await device.setConfig({ linkMode: 'c1a' });
    first.unplug();
    expect(device.status).toMatchObject({ state: 'unplugged', reason: expect.stringMatching(/went away/) });

    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(opened).toHaveLength(1); // not back yet: nothing to open
    present = true;
    await vi.waitFor(() => expect(device.status.state).toBe('ready'));
    expect(statuses.map((status) => status.state)).toEqual([
      'opening',
      'ready',
      'unplugged',
      'opening',
      'ready',
    ]);
    expect(second.received.map((frame) => frame.messageId)).toEqual([0x01, 0x03]); // ping, set config
    await device.close();
  });
});

describe('describeOpenError', () => {
  const cases: Array<[string, object, string, string]> = [
    ['linux EACCES', { code: 'EACCES', message: 'EACCES: permission denied' }, 'linux', 'PERMISSION_DENIED'],
    ['Windows access denied', { message: 'Opening COM3: Access denied' }, 'win32', 'PORT_BUSY'],
    ['ENOENT', { code: 'ENOENT', message: 'No such file or directory' }, 'linux', 'PORT_NOT_FOUND'],
    ['Windows missing port', { message: 'Opening COM9: File not found' }, 'win32', 'PORT_NOT_FOUND'],
    [
      'lock held',
      { message: 'Error Resource temporarily unavailable Cannot lock port' },
      'linux',
      'PORT_BUSY',
    ],
    ['anything else', { message: 'Input/output error' }, 'linux', 'IO'],
  ];
  it.each(cases)('maps %s', (_name, error, platform, code) => {
    expect(describeOpenError(error, '/dev/ttyUSB0', platform)).toMatchObject({ code });
  });

  it('gives the Linux advice word for word', () => {
    expect(describeOpenError(new Error('Permission denied'), '/dev/ttyUSB0', 'linux').message).toBe(
      PERMISSION_ADVICE,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createStick } from './create-stick';
import { Im871a } from './device';
import type { StickOptions } from './device-types';
import { chooseStick, detectStickKind, openStick } from './detect-stick';
import { StickError } from './errors';
import { FakePort } from './fixtures/fake-port';
import type { OpenPort } from './serial-port';
import type { Stick, StickKind } from './stick';
import { existsWithVirtual, VIRTUAL_PORT, withVirtualStick } from './virtual-port';

const noPorts = async () => [];
const silent: OpenPort = () => new FakePort(undefined, () => undefined);
const exists = async () => true;

/** A driver of `kind` whose open only succeeds when `answers`; records the options it was built with. */
function scriptedDriver(kind: StickKind, answers: boolean, built: StickOptions[]) {
  return (options: StickOptions): Stick => {
    built.push(options);
    let state: Stick['status']['state'] = 'closed';
    return {
      kind,
      path: options.path,
      get status() {
        return { state, path: options.path };
      },
      on: () => () => undefined,
      open: async () => {
        if (!answers) throw new StickError('TIMEOUT', `no ${kind} answer`);
        state = 'ready';
      },
      identify: () => Promise.reject(new Error('not used')),
      setLinkMode: () => Promise.resolve(),
      ping: () => Promise.resolve(1),
      close: async () => {
        state = 'closed';
      },
    };
  };
}

describe('detectStickKind', () => {
  it("believes the port's USB ids without opening anything", async () => {
    const opened: string[] = [];
    const detection = await detectStickKind({
      path: '/dev/ttyACM0',
      listPorts: async () => [{ path: '/dev/ttyACM0', vendorId: '04b4', productId: '0003', stick: 'iu891a' }],
      openPort: (path) => {
        opened.push(path);
        return new FakePort();
      },
    });
    expect(detection).toEqual({ kind: 'iu891a', by: 'usb-ids' });
    expect(opened).toEqual([]);
  });

  it('finds the port by its by-id alias too', async () => {
    const byId = '/dev/serial/by-id/usb-Silicon_Labs_iM871A-if00-port0';
    const detection = await detectStickKind({
      path: byId,
      listPorts: async () => [{ path: '/dev/ttyUSB0', byId, stick: 'im871a' }],
      openPort: silent,
    });
    expect(detection).toEqual({ kind: 'im871a', by: 'usb-ids' });
  });

  it('probes with the iM871A ping when the ids say nothing, and an iM871A answers it', async () => {
    const { openPort } = withVirtualStick(silent, { meters: [] });
    const detection = await detectStickKind({
      path: VIRTUAL_PORT,
      listPorts: noPorts,
      openPort,
      exists: existsWithVirtual(exists),
    });
    expect(detection).toEqual({ kind: 'im871a', by: 'probe' });
  });

  it('tries the iU891A after an unanswered iM871A ping, each at its own baud rate, with a short timeout', async () => {
    const bauds: number[] = [];
    const built: StickOptions[] = [];
    const create = (kind: StickKind, options: StickOptions) =>
      kind === 'im871a' ? new Im871a(options) : scriptedDriver(kind, true, built)(options);
    const detection = await detectStickKind({
      path: '/dev/ttyACM3',
      listPorts: noPorts,
      openPort: (path, baudRate) => {
        bauds.push(baudRate);
        return silent(path, baudRate);
      },
      exists,
      create,
      probeTimeoutMs: 50,
    });
    expect(detection).toEqual({ kind: 'iu891a', by: 'probe' });
    expect(bauds).toEqual([57600]);
    expect(built).toMatchObject([{ path: '/dev/ttyACM3', requestTimeoutMs: 50, presenceCheckMs: 0 }]);
  });

  it('says in words that nothing answered, naming what was tried', async () => {
    const built: StickOptions[] = [];
    const create = (kind: StickKind, options: StickOptions) =>
      kind === 'im871a' ? createStick(kind, options) : scriptedDriver(kind, false, built)(options);
    const failure = detectStickKind({
      path: '/dev/ttyS4',
      listPorts: noPorts,
      openPort: silent,
      exists,
      create,
      probeTimeoutMs: 30,
    });
    await expect(failure).rejects.toMatchObject({
      code: 'NOT_A_STICK',
      message: expect.stringMatching(/^\/dev\/ttyS4 did not answer as iM871A or as iU891A: .*--stick/),
    });
  });

  it('stops at an open error: a missing port is not probed with the next protocol', async () => {
    const built: StickOptions[] = [];
    const gone = Object.assign(new Error('No such file or directory'), { code: 'ENOENT' });
    const create = (kind: StickKind, options: StickOptions) =>
      kind === 'im871a' ? createStick(kind, options) : scriptedDriver(kind, true, built)(options);
    await expect(
      detectStickKind({
        path: '/dev/ttyUSB9',
        listPorts: noPorts,
        openPort: () => new FakePort(gone),
        create,
      }),
    ).rejects.toMatchObject({ code: 'PORT_NOT_FOUND' });
    expect(built).toEqual([]);
  });
});

describe('chooseStick and openStick', () => {
  it('builds the kind asked for without probing', async () => {
    const { stick, detection } = await chooseStick({
      path: '/dev/ttyUSB0',
      kind: 'im871a',
      openPort: silent,
    });
    expect(detection).toEqual({ kind: 'im871a', by: 'forced' });
    expect(stick).toBeInstanceOf(Im871a);
    expect(stick.status.state).toBe('closed');
  });

  it('opens the detected stick, which then identifies itself in the shared terms', async () => {
    const { openPort } = withVirtualStick(silent, { meters: [] });
    const { stick, detection } = await openStick({
      path: VIRTUAL_PORT,
      listPorts: noPorts,
      openPort,
      exists: existsWithVirtual(exists),
    });
    try {
      expect(detection.by).toBe('probe');
      expect(stick.status.state).toBe('ready');
      expect(await stick.identify()).toMatchObject({ kind: 'im871a', module: 'iM871A', firmware: '0x14' });
    } finally {
      await stick.close();
    }
  });
});

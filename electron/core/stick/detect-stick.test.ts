import { describe, expect, it } from 'vitest';
import { createStick } from './create-stick';
import { Im871a } from './device';
import type { StickOptions } from './device-types';
import { chooseStick, detectStickKind, openStick } from './detect-stick';
import { FakePort } from './fixtures/fake-port';
import type { OpenPort } from './serial-port';
import { VirtualIu891a } from './iu891a';
import { VirtualDevicePort } from './virtual-device-port';
import type { StickKind } from './stick';
import { existsWithVirtual, VIRTUAL_PORT, withVirtualStick } from './virtual-port';

const noPorts = async () => [];
const silent: OpenPort = () => new FakePort(undefined, () => undefined);
const exists = async () => true;

/** A port where only `baudRate` reaches a stick (`answer`), as with a real one; it notes every baud rate opened. */
function answeringOnlyAt(baudRate: number, answer: OpenPort): { openPort: OpenPort; bauds: number[] } {
  const bauds: number[] = [];
  const openPort: OpenPort = (path, rate) => {
    bauds.push(rate);
    return rate === baudRate ? answer(path, rate) : silent(path, rate);
  };
  return { openPort, bauds };
}
const virtualIu891a = (): OpenPort => {
  const stick = new VirtualIu891a({ meters: [] });
  return () => new VirtualDevicePort(stick);
};

describe('detectStickKind', () => {
  it("believes the port's own USB ids without opening anything", async () => {
    const opened: string[] = [];
    const detection = await detectStickKind({
      path: '/dev/ttyUSB0',
      listPorts: async () => [{ path: '/dev/ttyUSB0', vendorId: '10c4', productId: '87ed', stick: 'im871a' }],
      openPort: (path) => {
        opened.push(path);
        return new FakePort();
      },
    });
    expect(detection).toEqual({ kind: 'im871a', by: 'usb-ids' });
    expect(opened).toEqual([]);
  });

  it("pings first the stick a shared USB id points to (the iU891A's Cypress 04b4:0003)", async () => {
    const { openPort, bauds } = answeringOnlyAt(115_200, virtualIu891a());
    const detection = await detectStickKind({
      path: '/dev/ttyACM0',
      listPorts: async () => [{ path: '/dev/ttyACM0', vendorId: '04b4', productId: '0003', stick: 'iu891a' }],
      openPort,
      exists,
      probeTimeoutMs: 50,
    });
    expect(detection).toEqual({ kind: 'iu891a', by: 'probe' });
    expect(bauds).toEqual([115_200]);
  });

  it('does not believe a shared USB id that does not answer as its stick: the others are tried', async () => {
    // Only the iM871A's protocol is answered on this port.
    const { openPort, bauds } = answeringOnlyAt(57600, withVirtualStick(silent, { meters: [] }).openPort);
    const detection = await detectStickKind({
      path: VIRTUAL_PORT,
      listPorts: async () => [{ path: VIRTUAL_PORT, vendorId: '04b4', productId: '0003', stick: 'iu891a' }],
      openPort,
      exists: existsWithVirtual(exists),
      probeTimeoutMs: 50,
    });
    expect(detection).toEqual({ kind: 'im871a', by: 'probe' });
    expect(bauds).toEqual([115_200, 57600]);
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

  it('tries the iU891A after an unanswered iM871A ping, each at its own baud rate', async () => {
    // Only at 115 200 baud does anything answer, as with a real iU891A.
    const { openPort, bauds } = answeringOnlyAt(115_200, virtualIu891a());
    const detection = await detectStickKind({
      path: '/dev/ttyACM3',
      listPorts: noPorts,
      openPort,
      exists,
      probeTimeoutMs: 50,
    });
    expect(detection).toEqual({ kind: 'iu891a', by: 'probe' });
    expect(bauds).toEqual([57600, 115_200]);
  });

  it('gives each protocol only the short probe timeout', async () => {
    const built: Array<{ kind: StickKind; options: StickOptions }> = [];
    const started = Date.now();
    await detectStickKind({
      path: '/dev/ttyS4',
      listPorts: noPorts,
      openPort: silent,
      exists,
      probeTimeoutMs: 40,
      create: (kind, options) => (built.push({ kind, options }), createStick(kind, options)),
    }).catch(() => undefined);
    expect(built.map((b) => [b.kind, b.options.requestTimeoutMs, b.options.presenceCheckMs])).toEqual([
      ['im871a', 40, 0],
      ['iu891a', 40, 0],
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('says in words that nothing answered, naming what was tried', async () => {
    const failure = detectStickKind({
      path: '/dev/ttyS4',
      listPorts: noPorts,
      openPort: silent,
      exists,
      probeTimeoutMs: 30,
    });
    await expect(failure).rejects.toMatchObject({
      code: 'NOT_A_STICK',
      message: expect.stringMatching(/^\/dev\/ttyS4 did not answer as iM871A or as iU891A: .*--stick/),
    });
  });

  it('stops at an open error: a missing port is not probed with the next protocol', async () => {
    const bauds: number[] = [];
    const gone = Object.assign(new Error('No such file or directory'), { code: 'ENOENT' });
    await expect(
      detectStickKind({
        path: '/dev/ttyUSB9',
        listPorts: noPorts,
        openPort: (_path, baudRate) => (bauds.push(baudRate), new FakePort(gone)),
      }),
    ).rejects.toMatchObject({ code: 'PORT_NOT_FOUND' });
    expect(bauds).toEqual([57600]);
  });
});

describe('chooseStick and openStick', () => {
  it('opens an iU891A when asked for one, on the virtual port too', async () => {
    const { openPort } = withVirtualStick(silent, { meters: [] }, 'iu891a');
    const { stick, detection } = await openStick({
      path: VIRTUAL_PORT,
      kind: 'iu891a',
      openPort,
      exists: existsWithVirtual(exists),
    });
    try {
      expect(detection).toEqual({ kind: 'iu891a', by: 'forced' });
      expect(await stick.identify()).toMatchObject({
        kind: 'iu891a',
        module: 'iU891A-XL',
        uniqueId: '56495254',
      });
    } finally {
      await stick.close();
    }
  });

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

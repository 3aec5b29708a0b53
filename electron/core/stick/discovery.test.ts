import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSerialPorts } from './discovery';

const USB_BUS = 'sys/devices/pci0000:00/0000:00:14.0/usb1';

/** Builds a fake root with the sysfs and /dev/serial/by-id layout of a Linux laptop. */
class FakeLinuxRoot {
  constructor(readonly root: string) {}

  async usbDevice(port: string, attributes: Record<string, string>): Promise<string> {
    const dir = join(this.root, USB_BUS, port);
    await mkdir(dir, { recursive: true });
    for (const [name, value] of Object.entries(attributes)) await writeFile(join(dir, name), `${value}\n`);
    return dir;
  }

  /** A tty whose `device` link points at `deviceDir` (relative, like the kernel's links). */
  async tty(name: string, deviceDir?: string, subsystem?: string): Promise<void> {
    const classDir = join(this.root, 'sys/class/tty', name);
    await mkdir(classDir, { recursive: true });
    if (!deviceDir) return;
    await mkdir(deviceDir, { recursive: true });
    await symlink(relative(classDir, deviceDir), join(classDir, 'device'));
    if (subsystem) {
      const bus = join(this.root, 'sys/bus', subsystem);
      await mkdir(bus, { recursive: true });
      await symlink(relative(deviceDir, bus), join(deviceDir, 'subsystem'));
    }
  }

  async byId(name: string, tty: string): Promise<void> {
    const link = join(this.root, 'dev/serial/by-id', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(`../../${tty}`, link);
  }
}

let fake: FakeLinuxRoot;
beforeEach(async () => {
  fake = new FakeLinuxRoot(await mkdtemp(join(tmpdir(), 'stick-sysfs-')));
});
afterEach(async () => {
  await rm(fake.root, { recursive: true, force: true });
});

describe('listSerialPorts on Linux', () => {
  it('finds the iM871A by VID:PID, an FTDI adapter, and by-id aliases; skips virtual and unused ports', async () => {
    const stick = await fake.usbDevice('1-1', {
      idVendor: '10c4',
      idProduct: '87ed',
      manufacturer: 'Silicon Labs',
      product: 'iM871A-USB',
      serial: '0001',
    });
    // ttyUSB0's device is the usb-serial port below the interface below the USB device.
    await fake.tty('ttyUSB0', join(stick, '1-1:1.0/ttyUSB0'), 'usb-serial');
    const ftdi = await fake.usbDevice('1-2', {
      idVendor: '0403',
      idProduct: '6001',
      manufacturer: 'FTDI',
      product: 'FT232R USB UART',
      serial: 'A10K3XYZ',
    });
    await fake.tty('ttyUSB1', join(ftdi, '1-2:1.0/ttyUSB1'), 'usb-serial');
    await fake.byId('usb-FTDI_FT232R_USB_UART_A10K3XYZ-if00-port0', 'ttyUSB1');
    await fake.tty('ttyS0', join(fake.root, 'sys/devices/platform/serial8250'), 'platform');
    await fake.tty('tty0');

    const ports = await listSerialPorts({ root: fake.root, platform: 'linux' });

    expect(ports).toEqual([
      {
        path: '/dev/ttyUSB0',
        vendorId: '10c4',
        productId: '87ed',
        manufacturer: 'Silicon Labs',
        product: 'iM871A-USB',
        serialNumber: '0001',
        stick: 'im871a',
      },
      {
        path: '/dev/ttyUSB1',
        byId: '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K3XYZ-if00-port0',
        vendorId: '0403',
        productId: '6001',
        manufacturer: 'FTDI',
        product: 'FT232R USB UART',
        serialNumber: 'A10K3XYZ',
      },
    ]);
  });

  it('recognises the stick by its by-id name when the USB ids are unusual', async () => {
    const hub = await fake.usbDevice('1-3', { idVendor: '10C4', idProduct: 'EA60' });
    await fake.tty('ttyUSB2', join(hub, '1-3:1.0/ttyUSB2'));
    await fake.byId('usb-IMST_GmbH_iM871A-USB_12345-if00-port0', 'ttyUSB2');

    const [port] = await listSerialPorts({ root: fake.root, platform: 'linux' });

    expect(port).toMatchObject({
      path: '/dev/ttyUSB2',
      byId: '/dev/serial/by-id/usb-IMST_GmbH_iM871A-USB_12345-if00-port0',
      vendorId: '10c4',
      productId: 'ea60',
      stick: 'im871a',
    });
  });

  it('names an iU891A by its USB ids, and by its by-id name when the ids are unusual', async () => {
    const cypress = await fake.usbDevice('1-4', { idVendor: '04B4', idProduct: '0003' });
    await fake.tty('ttyACM0', join(cypress, '1-4:1.0/ttyACM0'));
    const other = await fake.usbDevice('1-5', { idVendor: '1234', idProduct: '5678' });
    await fake.tty('ttyACM1', join(other, '1-5:1.0/ttyACM1'));
    await fake.byId('usb-IMST_GmbH_iU891A-XL_0042-if00', 'ttyACM1');
    const plain = await fake.usbDevice('1-6', { idVendor: '1234', idProduct: '5678' });
    await fake.tty('ttyACM2', join(plain, '1-6:1.0/ttyACM2'));

    const ports = await listSerialPorts({ root: fake.root, platform: 'linux' });

    expect(ports.map((port) => [port.path, port.stick])).toEqual([
      ['/dev/ttyACM0', 'iu891a'],
      ['/dev/ttyACM1', 'iu891a'],
      ['/dev/ttyACM2', undefined],
    ]);
  });

  it('lists a by-id alias even when sysfs does not show its tty', async () => {
    await fake.byId('usb-IMST_iM871A-if00', 'ttyUSB7');
    expect(await listSerialPorts({ root: fake.root, platform: 'linux' })).toEqual([
      { path: '/dev/ttyUSB7', byId: '/dev/serial/by-id/usb-IMST_iM871A-if00', stick: 'im871a' },
    ]);
  });

  it('returns an empty list where there is no sysfs at all', async () => {
    expect(await listSerialPorts({ root: join(fake.root, 'missing'), platform: 'linux' })).toEqual([]);
  });
});

describe('listSerialPorts elsewhere', () => {
  it('uses SerialPort.list() and marks the stick', async () => {
    const ports = await listSerialPorts({
      platform: 'win32',
      listWithSerialport: async () => [
        { path: 'COM3', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
        {
          path: 'COM4',
          vendorId: '10C4',
          productId: '87ED',
          manufacturer: 'Silicon Labs',
          serialNumber: '0001',
        },
      ],
    });
    expect(ports.map((port) => [port.path, port.stick, port.vendorId])).toEqual([
      ['COM4', 'im871a', '10c4'],
      ['COM3', undefined, '0403'],
    ]);
  });

  it('survives a failing lister and says so in the log', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (line: string) => warnings.push(line) };
    const ports = await listSerialPorts({
      platform: 'darwin',
      logger,
      listWithSerialport: () => Promise.reject(new Error('spawn udevadm ENOENT')),
    });
    expect(ports).toEqual([]);
    expect(warnings).toEqual(['listing serial ports failed: spawn udevadm ENOENT']);
  });
});

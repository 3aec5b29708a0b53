import { readFile, readdir, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, posix, relative } from 'node:path';
import type { Logger } from '../logger';
import type { StickKind } from './stick';
import { STICK_USB_IDS, stickKindOfPort } from './usb-ids';

export interface SerialPortInfo {
  /** The device node, e.g. /dev/ttyUSB0 or COM3. */
  path: string;
  /** Stable Linux alias under /dev/serial/by-id, when udev made one. */
  byId?: string;
  /** Lower-case hex, 4 digits, e.g. '10c4'. */
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  /** The stick its USB ids or by-id name point to; absent for any other serial port. */
  stick?: StickKind;
}

/** What `SerialPort.list()` returns, as far as it is used here. */
export interface SerialportListEntry {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface ListSerialPortsOptions {
  /** Filesystem root holding `sys/` and `dev/` (tests build a fake tree). Default '/'. */
  root?: string;
  platform?: string;
  /** Port lister for non-Linux platforms; default `SerialPort.list()`. */
  listWithSerialport?: () => Promise<SerialportListEntry[]>;
  logger?: Logger;
}

export const IM871A_USB_ID = STICK_USB_IDS.im871a;

/**
 * Lists serial ports, known sticks first. On Linux this reads sysfs and /dev/serial/by-id instead of
 * calling `SerialPort.list()`, which spawns `udevadm` and crashes the process where udev is missing
 * (docs/ARCHITECTURE.md § iM871A).
 */
export async function listSerialPorts(options: ListSerialPortsOptions = {}): Promise<SerialPortInfo[]> {
  const platform = options.platform ?? process.platform;
  const ports =
    platform === 'linux'
      ? await listLinuxPorts(options.root ?? '/')
      : await listWithSerialport(options.listWithSerialport ?? serialportList, options.logger);
  return ports.sort((a, b) => Number(!!b.stick) - Number(!!a.stick) || a.path.localeCompare(b.path));
}

export function looksLikeIm871a(port: Pick<SerialPortInfo, 'vendorId' | 'productId' | 'byId'>): boolean {
  return stickKindOfPort(port) === 'im871a';
}

/** The port with its stick kind filled in from its ids (absent when they say nothing). */
function withStickKind(port: SerialPortInfo): SerialPortInfo {
  return withoutUndefined({ ...port, stick: stickKindOfPort(port) });
}

async function listLinuxPorts(root: string): Promise<SerialPortInfo[]> {
  const byIdFor = await readByIdLinks(root);
  const classDir = join(root, 'sys/class/tty');
  const ports = new Map<string, SerialPortInfo>();

  for (const name of await readdir(classDir).catch(() => [] as string[])) {
    // Virtual terminals (tty0, ptmx, …) have no `device` link: they are not serial ports.
    const device = await realpath(join(classDir, name, 'device')).catch(() => undefined);
    if (!device) continue;
    // Unused built-in UARTs (ttyS0..31) hang off the platform bus; pyserial hides them the same way.
    const subsystem = await realpath(join(device, 'subsystem')).catch(() => undefined);
    if (subsystem && basename(subsystem) === 'platform') continue;

    const path = `/dev/${name}`;
    const usb = await findUsbDevice(device, join(root, 'sys'));
    ports.set(name, withStickKind({ path, byId: byIdFor.get(name), ...usb }));
  }
  // A by-id alias whose tty sysfs did not show still names a port the user can open.
  for (const [name, byId] of byIdFor) {
    if (!ports.has(name)) ports.set(name, withStickKind({ path: `/dev/${name}`, byId }));
  }
  return [...ports.values()];
}

/** tty name → /dev/serial/by-id/… link (the first, sorted, when a device has several). */
async function readByIdLinks(root: string): Promise<Map<string, string>> {
  const dir = join(root, 'dev/serial/by-id');
  const links = new Map<string, string>();
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  for (const name of names) {
    const target = await readlink(join(dir, name)).catch(() => undefined);
    if (!target) continue;
    const tty = basename(posix.resolve('/dev/serial/by-id', target));
    if (!links.has(tty)) links.set(tty, `/dev/serial/by-id/${name}`);
  }
  return links;
}

type UsbFields = Pick<SerialPortInfo, 'vendorId' | 'productId' | 'manufacturer' | 'product' | 'serialNumber'>;

/** Walks up from the tty's device (an interface or usb-serial port) to the USB device with idVendor. */
async function findUsbDevice(device: string, sysRoot: string): Promise<UsbFields> {
  for (let dir = device; isInside(dir, sysRoot); dir = dirname(dir)) {
    const vendorId = await readAttribute(dir, 'idVendor');
    if (vendorId === undefined) continue;
    return {
      vendorId: vendorId.toLowerCase(),
      productId: (await readAttribute(dir, 'idProduct'))?.toLowerCase(),
      manufacturer: await readAttribute(dir, 'manufacturer'),
      product: await readAttribute(dir, 'product'),
      serialNumber: await readAttribute(dir, 'serial'),
    };
  }
  return {};
}

function isInside(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}

async function readAttribute(dir: string, name: string): Promise<string | undefined> {
  const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
  const value = text?.trim();
  return value ? value : undefined;
}

async function serialportList(): Promise<SerialportListEntry[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

async function listWithSerialport(
  list: () => Promise<SerialportListEntry[]>,
  logger: Logger | undefined,
): Promise<SerialPortInfo[]> {
  let entries: SerialportListEntry[];
  try {
    entries = await list();
  } catch (error) {
    logger?.warn(`listing serial ports failed: ${(error as Error).message}`);
    return [];
  }
  return entries.map((entry) =>
    withStickKind({
      path: entry.path,
      vendorId: entry.vendorId?.toLowerCase(),
      productId: entry.productId?.toLowerCase(),
      manufacturer: entry.manufacturer,
      serialNumber: entry.serialNumber,
    }),
  );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

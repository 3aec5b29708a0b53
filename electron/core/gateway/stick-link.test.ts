import { afterEach, describe, expect, it } from 'vitest';
import {
  DeviceManagementMessage as Dm,
  encodeHciFrame,
  Im871a,
  VIRTUAL_PORT,
  type StickStatus,
} from '../stick';
import { FakePort } from '../stick/fixtures/fake-port';
import type { HciFrame } from '../stick/hci';
import { StickLink } from './stick-link';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Module iM871A, mode other, firmware 0x14, HCI 1, id 0x56495254. */
const DEVICE_INFO = Buffer.from('3300140154524956', 'hex');

/** An iM871A on a fake port: answers ping, device info and set config. */
function answerIm871a(request: HciFrame): Buffer | undefined {
  const reply = (messageId: number, payload?: Buffer) => encodeHciFrame({ endpoint: 1, messageId, payload });
  if (request.messageId === Dm.pingRequest) return reply(Dm.pingResponse);
  if (request.messageId === Dm.getDeviceInfoRequest) return reply(Dm.getDeviceInfoResponse, DEVICE_INFO);
  if (request.messageId === Dm.setConfigRequest) return reply(Dm.setConfigResponse, Buffer.from([0]));
  return undefined;
}

function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out waiting'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

let link: StickLink | undefined;
afterEach(async () => {
  await link?.stop();
  link = undefined;
});

describe('StickLink', () => {
  it('passes on the status and identity of the stick it chose, whichever kind', async () => {
    const statuses: StickStatus[] = [];
    link = new StickLink({ port: VIRTUAL_PORT, linkMode: 'c1a', logger: quiet, retryMs: 50 });
    link.on('status', (status) => statuses.push(status));
    const ready = new Promise<void>(
      (resolve) => (link!.start(), link!.on('status', (s) => s.state === 'ready' && resolve())),
    );
    await ready;
    await until(() => link!.info !== null);
    expect(link.kind).toBe('im871a');
    expect(link.detection).toEqual({ kind: 'im871a', by: 'forced' });
    expect(link.info).toMatchObject({ kind: 'im871a', module: 'iM871A', uniqueId: '56495254' });
    expect(statuses.map((s) => s.state)).toEqual(['opening', 'ready']);
  });

  it('plays a virtual iU891A when asked for one, telegrams and all', async () => {
    link = new StickLink({
      port: VIRTUAL_PORT,
      stick: 'iu891a',
      linkMode: 'c1a',
      logger: quiet,
      simulatedMeters: [{ id: '32666857', key: Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex') }],
      virtualIntervalMs: 20,
    });
    const telegrams: Buffer[] = [];
    link.on('telegram', (telegram) => telegrams.push(telegram.frame));
    link.start();
    await until(() => telegrams.length >= 2);
    expect(link.kind).toBe('iu891a');
    expect(link.info).toMatchObject({ kind: 'iu891a', module: 'iU891A-XL' });
    // C field 0x44 (SND_NR), then the Kamstrup manufacturer code 2D 2C, then the meter id LSB first.
    expect(telegrams[0]!.subarray(0, 7).toString('hex')).toBe('442d2c57686632');
  });

  it('says why no stick could be chosen and keeps trying', async () => {
    const statuses: StickStatus[] = [];
    link = new StickLink({
      port: '/dev/no-such-stick',
      linkMode: 'c1a',
      logger: quiet,
      retryMs: 20,
      detect: { listPorts: async () => [] },
    });
    link.on('status', (status) => statuses.push(status));
    link.start();
    await until(() => statuses.filter((s) => s.state === 'error').length >= 2);
    expect(link.driver).toBeNull();
    expect(link.lastProblem).toMatch(/no serial port at \/dev\/no-such-stick: is the stick plugged in\?/);
    expect(statuses.find((s) => s.state === 'error')?.reason).toBe(link.lastProblem);
  });

  it('resumes after an unplug through the driver it chose, and sets the link mode again', async () => {
    const ports: FakePort[] = [];
    let present = true;
    const statuses: string[] = [];
    link = new StickLink({
      port: '/dev/ttyUSB0',
      stick: 'auto',
      linkMode: 'c1b',
      logger: quiet,
      detect: {
        listPorts: async () => [
          { path: '/dev/ttyUSB0', vendorId: '10c4', productId: '87ed', stick: 'im871a' },
        ],
        create: (_kind, options) =>
          new Im871a({
            ...options,
            openPort: () => {
              const port = new FakePort(undefined, answerIm871a);
              ports.push(port);
              return port;
            },
            exists: async () => present,
            reconnectIntervalMs: 10,
            presenceCheckMs: 0,
          }),
      },
    });
    link.on('status', (status) => statuses.push(status.state));
    link.start();
    await until(() => link!.info !== null && statuses.includes('ready'));
    expect(link.detection).toEqual({ kind: 'im871a', by: 'usb-ids' });

    present = false;
    ports[0]!.unplug();
    expect(link.status.state).toBe('unplugged');
    present = true;
    await until(() => ports.length === 2 && statuses.at(-1) === 'ready');

    const setConfig = ports[1]!.received.find((frame) => frame.messageId === Dm.setConfigRequest);
    // NVM flag 0, flag byte 1 with "link mode" set, link mode 0x07 = C1 format B.
    expect(setConfig?.payload.subarray(0, 3)).toEqual(Buffer.from([0x00, 0x02, 0x07]));
    // Under load the reopen may take more than one try; it starts and ends the same way.
    expect(statuses.slice(0, 3)).toEqual(['opening', 'ready', 'unplugged']);
    expect(statuses.at(-1)).toBe('ready');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Im871a } from './device';
import type { StickStatus, ReceivedTelegram } from './device-types';
import { SEED_20, SEED_31 } from './fixtures/captured-frames';
import { PtyPair } from './fixtures/pty-pair';
import { ScriptedStick } from './fixtures/scripted-stick';
import type { StickFrameError } from './stick';
import { encodeHciFrame } from './hci';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
/** The wM-Bus frame inside a captured indication: from the C field, without the CRC. */
const wmbusOf = (capture: string) => hex(capture).subarray(4, -2);

describe('Im871a over a real pseudo-terminal pair (socat)', () => {
  let dir: string;
  let pair: PtyPair;
  let stick: ScriptedStick;
  let device: Im871a;
  const statuses: StickStatus[] = [];
  const telegrams: ReceivedTelegram[] = [];
  const frameErrors: StickFrameError[] = [];
  const states = () => statuses.map((status) => status.state);

  beforeAll(async () => {
    PtyPair.assertSocatInstalled();
    dir = await mkdtemp(join(tmpdir(), 'im871a-pty-'));
    pair = new PtyPair(join(dir, 'host'), join(dir, 'stick'));
    await pair.start();
    stick = new ScriptedStick(pair.stickPath);
    await stick.open();
    device = new Im871a({ path: pair.hostPath, reconnectIntervalMs: 100, presenceCheckMs: 200 });
    device.on('status', (status) => statuses.push(status));
    device.on('telegram', (telegram) => telegrams.push(telegram));
    device.on('frameError', (error) => frameErrors.push(error));
  });

  afterAll(async () => {
    await device?.close();
    await stick?.close();
    await pair?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens, pings the stick and reports ready', async () => {
    await device.open();
    expect(states()).toEqual(['opening', 'ready']);
    expect(device.status).toEqual({ state: 'ready', path: pair.hostPath });
    expect(stick.requests[0]).toEqual(hex('A5 81 01 00 24 89'));
  });

  it('answers ping and reads the device info', async () => {
    expect(await device.ping()).toBeGreaterThanOrEqual(0);
    expect(await device.getDeviceInfo()).toMatchObject({
      moduleName: 'iM871A',
      firmwareVersion: 0x14,
      deviceId: '12345678',
    });
    expect(stick.requests.at(-1)).toEqual(hex('A5 81 0F 00 34 13'));
  });

  it('sends set config as the stick expects it, and reads it back', async () => {
    await device.setConfig({ linkMode: 'c1b' });
    // A5 81 03 06 | 00 RAM | 02 link mode 07 C1b | 30 RSSI 01 on, timestamp 00 off | CRC 0F 34
    expect(stick.requests.at(-1)).toEqual(hex('A5 81 03 06 00 02 07 30 01 00 0F 34'));
    expect(await device.getConfig()).toMatchObject({ linkMode: 'c1b', rssi: true, timestamp: false });
  });

  it('delivers telegram indications with RSSI from awkwardly split reads, dropping a corrupt frame', async () => {
    const first = encodeHciFrame({ endpoint: 2, messageId: 3, payload: wmbusOf(SEED_20), rssi: 0xb4 });
    const corrupt = Buffer.from(first);
    corrupt[12]! ^= 0x40;
    const second = encodeHciFrame({ endpoint: 2, messageId: 3, payload: wmbusOf(SEED_31), rssi: 0x60 });
    // Splits: after the SOF, inside the header, mid-payload, across the frame boundaries.
    const stream = Buffer.concat([hex('00 ff'), first, corrupt, second]);
    await stick.writeInPieces(stream, [3, 2, 1, 30, 11, 3, 40, 7, 2]);

    await vi.waitFor(() => expect(telegrams).toHaveLength(2), { timeout: 3000 });
    expect(telegrams[0]).toMatchObject({ frame: wmbusOf(SEED_20), rssi: 0xb4, rssiDbm: -32.5 });
    expect(telegrams[1]).toMatchObject({ frame: wmbusOf(SEED_31), rssi: 0x60, rssiDbm: -74.5 });
    expect(telegrams[0]!.frame[0]).toBe(0x44);
    expect(typeof telegrams[0]!.receivedAt).toBe('number');
    expect(frameErrors.map((error) => error.reason)).toEqual(['crc']);
    expect(device.framerStats).toMatchObject({ crcErrors: 1 });
    expect(device.status.state).toBe('receiving');
  });

  it('says clearly when the stick does not answer, and keeps working afterwards', async () => {
    await expect(device.reset()).rejects.toThrow(
      'the stick did not answer reset within 1000 ms — is this port really an iM871A?',
    );
    await expect(device.ping()).resolves.toBeGreaterThanOrEqual(0);
  });

  it('reports unplugged when the port disappears, and ready again when it is back', async () => {
    statuses.length = 0;
    await pair.stop();
    await vi.waitFor(() => expect(device.status.state).toBe('unplugged'), { timeout: 3000 });
    expect(device.status.reason).toMatch(/went away/);
    await expect(device.ping()).rejects.toMatchObject({ code: 'NOT_OPEN' });

    await stick.close();
    stick.requests.length = 0;
    await pair.start();
    await stick.open();
    await vi.waitFor(() => expect(device.status.state).toBe('ready'), { timeout: 8000, interval: 50 });
    expect(states()[0]).toBe('unplugged');
    // The stick restarted with its RAM config lost, so the driver applied C1b + RSSI again.
    expect(stick.config).toMatchObject({ linkModeCode: 0x07, autoRssi: 1 });
    expect(await device.getDeviceInfo()).toMatchObject({ moduleName: 'iM871A' });
  }, 15_000);
});

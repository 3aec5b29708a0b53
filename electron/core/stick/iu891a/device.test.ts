import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PtyPair } from '../fixtures/pty-pair';
import { TelegramDecoder } from '../../gateway/telegram-decoder';
import { fixture, framesFromC, OMNIPOWER_ID, OMNIPOWER_KEY } from '../../wmbus/fixtures/telegram-fixtures';
import type { StickFrameError, StickStatus, StickTelegram } from '../stick';
import { Iu891a } from './device';
import { handFrame } from './fixtures/hand-built';
import { PtyVirtualIu891a } from './fixtures/pty-virtual-iu891a';

/** A real OmniPower long telegram (A+ 2.15 kWh, P+ 3 W), from the C field. */
const OMNIPOWER = framesFromC(fixture('seed-01'))[0]!;

/** A receive indication built by hand: timestamp, decryption 00, mode 00, packet info 05, RSSI, L, frame. */
function indication(frame: Buffer, rssiHex: string, timestampHex = '10203040'): Buffer {
  const l = frame.length.toString(16).padStart(2, '0');
  return handFrame(`09 20 ${timestampHex} 00 00 05 ${rssiHex} ${l} ${frame.toString('hex')}`);
}

describe('Iu891a over a real pseudo-terminal pair (socat) against the virtual iU891A', () => {
  let dir: string;
  let pair: PtyPair;
  let far: PtyVirtualIu891a;
  let device: Iu891a;
  const statuses: StickStatus[] = [];
  const telegrams: StickTelegram[] = [];
  const frameErrors: StickFrameError[] = [];
  let bytesRead = 0;
  const sentByHost = () => Buffer.concat(far.received).toString('hex');
  const decoder = new TelegramDecoder({
    monitored: new Map([[OMNIPOWER_ID, OMNIPOWER_KEY]]),
    fallbackKey: null,
  });

  beforeAll(async () => {
    PtyPair.assertSocatInstalled();
    dir = await mkdtemp(join(tmpdir(), 'iu891a-pty-'));
    pair = new PtyPair(join(dir, 'host'), join(dir, 'stick'));
    await pair.start();
    // The simulated meter sends rarely: these tests inject their own telegrams.
    far = new PtyVirtualIu891a(pair.stickPath, {
      meters: [{ id: '11112222', key: Buffer.alloc(16, 7) }],
      intervalMs: 600_000,
    });
    await far.open();
    device = new Iu891a({ path: pair.hostPath, reconnectIntervalMs: 100, presenceCheckMs: 200 });
    device.on('status', (status) => statuses.push(status));
    device.on('telegram', (telegram) => telegrams.push(telegram));
    device.on('frameError', (error) => frameErrors.push(error));
    device.on('bytes', (chunk) => (bytesRead += chunk.length));
  });

  afterAll(async () => {
    await device?.close();
    await far?.close();
    await pair?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens at 115 200 baud, wakes the stick with ENDs, pings it and reports ready', async () => {
    await device.open();
    expect(statuses.map((s) => s.state)).toEqual(['opening', 'ready']);
    expect(sentByHost()).toBe('c0'.repeat(30) + handFrame('01 01').toString('hex'));
  });

  it('identifies the stick: module, firmware and unique id', async () => {
    expect(await device.identify()).toMatchObject({
      kind: 'iu891a',
      module: 'iU891A-XL',
      firmware: '1.3',
      uniqueId: '56495254',
    });
  });

  it('sets C1a as C mode, keeping the stick’s other settings and switching receive indications on', async () => {
    far.received.length = 0;
    await device.setLinkMode('c1a');
    const getThenSet =
      handFrame('09 01').toString('hex') + handFrame('09 03 05 0e00 0000 3200 00000000').toString('hex');
    expect(sentByHost()).toBe(getThenSet);
    expect(far.device.activeConfig.linkModeCode).toBe(0x05);
  });

  it('delivers telegrams from awkwardly split reads, decoded with the right values, dropping a corrupt one', async () => {
    const good = indication(OMNIPOWER, 'c4'); // RSSI -60 dBm
    const corrupt = Buffer.from(good);
    corrupt[20]! ^= 0x40;
    const stream = Buffer.concat([
      Buffer.from('noise'),
      good,
      corrupt,
      indication(OMNIPOWER, 'b5', '01000000'),
    ]);
    const start = bytesRead;
    await far.writeInPieces(stream, [3, 2, 1, 30, 11, 3, 40, 7, 2, 50]);

    await vi.waitFor(() => expect(telegrams).toHaveLength(2), { timeout: 3000 });
    expect(telegrams[0]).toMatchObject({ frame: OMNIPOWER, rssiDbm: -60, timestamp: 0x40302010 });
    expect(telegrams[1]).toMatchObject({ frame: OMNIPOWER, rssiDbm: -75, timestamp: 1 });
    const outcome = decoder.decode(telegrams[0]!.frame);
    expect(outcome.ok && outcome.telegram.values).toMatchObject({
      'A+': { value: 2.15 },
      'P+': { value: 0.003 },
    }); // kWh, kW
    // "noise" (5 bytes before the first END) fails its CRC like the corrupted frame.
    expect(frameErrors.map((e) => [e.reason, e.offset])).toEqual([
      ['crc', start + 3],
      ['crc', expect.any(Number)],
    ]);
    expect(frameErrors[1]!.offset).toBeGreaterThan(start + 5 + good.length + 20);
    expect(device.framerStats).toMatchObject({ messages: 5 + 2, crcErrors: 2 });
    expect(device.status.state).toBe('receiving');
  });

  it('reports unplugged when the port disappears, and resumes with C mode when it is back', async () => {
    statuses.length = 0;
    await pair.stop();
    await vi.waitFor(() => expect(device.status.state).toBe('unplugged'), { timeout: 3000 });
    expect(device.status.reason).toMatch(/went away/);
    await expect(device.ping()).rejects.toMatchObject({ code: 'NOT_OPEN' });

    await far.close(); // the stick lost power: its active configuration is back to "receiver off"
    expect(far.device.activeConfig.linkModeCode).toBe(0x00);
    await pair.start();
    await far.open();
    await vi.waitFor(() => expect(device.status.state).toBe('ready'), { timeout: 8000, interval: 50 });
    expect(statuses[0]!.state).toBe('unplugged');
    expect(far.device.activeConfig.linkModeCode).toBe(0x05);

    await far.writeInPieces(indication(OMNIPOWER, 'c4'), [10]);
    await vi.waitFor(() => expect(telegrams).toHaveLength(3), { timeout: 3000 });
    expect(await device.identify()).toMatchObject({ module: 'iU891A-XL' });
  }, 15_000);
});

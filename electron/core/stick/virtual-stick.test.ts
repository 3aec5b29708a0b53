import { afterEach, describe, expect, it } from 'vitest';
import { TelegramDecoder } from '../gateway/telegram-decoder';
import {
  decodeHciFrame,
  encodeGetDeviceInfoRequest,
  encodePingRequest,
  encodeSetConfigRequest,
} from './index';
import { Im871a } from './device';
import type { ReceivedTelegram } from './device-types';
import { existsWithVirtual, VIRTUAL_PORT, withVirtualStick } from './virtual-port';
import { VirtualStick } from './virtual-stick';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const METER = { id: '32666857', key: KEY, baseLoadW: 1200 };

/** A deterministic sequence, so the simulated load is repeatable. */
function seeded(seed = 1) {
  let x = seed;
  return () => (x = (x * 48271) % 0x7fffffff) / 0x7fffffff;
}

describe('VirtualStick bytes', () => {
  it('answers ping and device info exactly as an iM871A frames them', () => {
    const stick = new VirtualStick({ meters: [] });
    const out: Buffer[] = [];
    stick.onData((b) => out.push(b));
    stick.receive(Buffer.concat([encodePingRequest(), encodeGetDeviceInfoRequest()]));
    expect(out[0]!.subarray(0, 4).toString('hex')).toBe('a5810200'); // SOF, CRC flag + endpoint 1, ping response, LEN 0
    const ping = decodeHciFrame(out[0]!);
    expect([ping.endpoint, ping.messageId, ping.payload.length, ping.crc?.ok]).toEqual([1, 0x02, 0, true]);
    const info = decodeHciFrame(out[1]!);
    expect(info.messageId).toBe(0x10);
    expect(info.payload[0]).toBe(0x33); // module type iM871A
  });

  it('sends telegrams with the trailers the host configured', () => {
    let now = 1_000_000;
    const pending: Array<() => void> = [];
    const stick = new VirtualStick({
      meters: [METER],
      intervalMs: 1000,
      now: () => now,
      random: seeded(),
      timers: { setTimeout: (fn) => (pending.push(fn), pending.length), clearTimeout: () => undefined },
    });
    const out: Buffer[] = [];
    stick.onData((b) => out.push(b));
    stick.start();
    stick.receive(encodeSetConfigRequest({ linkMode: 'c1a', rssi: true, timestamp: true }));
    out.length = 0;
    now += 500;
    pending.shift()!();
    const frame = decodeHciFrame(out[0]!);
    expect(frame).toMatchObject({ endpoint: 2, messageId: 0x03, crc: { ok: true } });
    expect(frame.rssi).toBeGreaterThan(100);
    expect(frame.timestamp).toBe(500);
  });
});

describe('Im871a driver on the virtual stick', () => {
  let device: Im871a | undefined;
  afterEach(async () => {
    await device?.close();
  });

  function openVirtual(intervalMs = 15) {
    const { openPort } = withVirtualStick(
      () => {
        throw new Error('only the virtual stick here');
      },
      {
        meters: [METER, { id: '11112222', key: Buffer.alloc(16, 7), baseLoadW: 300 }],
        intervalMs,
        random: seeded(7),
      },
    );
    device = new Im871a({ path: VIRTUAL_PORT, openPort, exists: existsWithVirtual(async () => false) });
    return device;
  }

  async function collect(d: Im871a, count: number): Promise<ReceivedTelegram[]> {
    const seen: ReceivedTelegram[] = [];
    return new Promise((resolve) => {
      const stop = d.on('telegram', (t) => {
        seen.push(t);
        if (seen.length === count) {
          stop();
          resolve(seen);
        }
      });
    });
  }

  it('opens, identifies itself, takes a link mode and delivers decodable telegrams, long then compact', async () => {
    const d = openVirtual();
    await d.open();
    expect(d.status.state).toMatch(/ready|receiving/);
    expect((await d.getDeviceInfo()).moduleName).toBe('iM871A');
    // Listening before the link mode is set: the first (long) telegram may follow it at once.
    const collecting = collect(d, 20);
    // A factory-fresh stick attaches no RSSI: telegrams heard before the new config is confirmed may lack it.
    let heardBeforeConfig = 0;
    const stopCounting = d.on('telegram', () => heardBeforeConfig++);
    await d.setConfig({ linkMode: 'c1a', rssi: true });
    stopCounting();
    expect((await d.getConfig()).linkMode).toBe('c1a');

    const telegrams = await collecting;
    const decoder = new TelegramDecoder({ monitored: new Map([[METER.id, KEY]]), fallbackKey: null });
    const ours = telegrams.map((t) => decoder.decode(t.frame)).filter((o) => o.ok);
    const kinds = ours.map((o) => (o.ok ? o.telegram.frameKind : null));
    expect(kinds[0]).toBe('long');
    expect(kinds.slice(1, 8).every((k) => k === 'compact')).toBe(true);
    const energy = ours.map((o) => (o.ok ? o.telegram.values['A+']!.value : 0));
    expect(energy.every((v, i) => i === 0 || v >= energy[i - 1]!)).toBe(true);
    const configured = telegrams.slice(heardBeforeConfig);
    expect(configured.length).toBeGreaterThan(10);
    expect(configured.every((t) => typeof t.rssiDbm === 'number')).toBe(true);
    const others = telegrams.map((t) => decoder.decode(t.frame)).filter((o) => !o.ok);
    expect(others.every((o) => !o.ok && o.error.code === 'UNKNOWN_METER')).toBe(true);
  });

  it('hears nothing from a C-mode meter while listening in T1, like the real stick', async () => {
    const d = openVirtual(5);
    await d.open();
    await d.setConfig({ linkMode: 't1', rssi: true });
    let heard = 0;
    d.on('telegram', () => heard++);
    await new Promise((r) => setTimeout(r, 150));
    expect(heard).toBe(0);
    await d.setConfig({ linkMode: 'c1b', rssi: true });
    await collect(d, 3);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { TelegramDecoder } from '../../gateway/telegram-decoder';
import type { StickStatus, StickTelegram } from '../stick';
import { Iu891a } from './device';
import { handFrame, hex } from './fixtures/hand-built';
import { Iu891aFramer } from './framer';
import { virtualPlug } from '../virtual-device-port';
import { VirtualIu891a } from './virtual-iu891a';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const METER = { id: '32666857', key: KEY, baseLoadW: 1200, startWh10: 5000 };
const PATH = '/dev/virtual-iu891a';

function seeded(seed = 1) {
  let x = seed;
  return () => (x = (x * 48271) % 0x7fffffff) / 0x7fffffff;
}

const nowhere = {
  openPort: () => {
    throw new Error('only the virtual stick here');
  },
  exists: async () => false,
};

describe('VirtualIu891a bytes', () => {
  it('answers ping, device info and get configuration with the frames the protocol prescribes', () => {
    const stick = new VirtualIu891a({ meters: [], uniqueId: '12345678' });
    const out: Buffer[] = [];
    stick.onData((b) => out.push(b));
    stick.receive(Buffer.concat([handFrame('01 01'), handFrame('01 03'), handFrame('09 01')]));
    expect(out[0]).toEqual(handFrame('01 02 00'));
    expect(out[1]).toEqual(handFrame('01 04 00 6e 78 56 34 12 be 2d 06 00'));
    // Receiver off, receive + transmit indications + recalibration, LED 50 ms.
    expect(out[2]).toEqual(handFrame('09 02 00 00 0e 00 00 00 32 00 00 00 00 00'));
  });

  it('refuses a configuration with an unknown link mode, and unknown requests, in status bytes', () => {
    const stick = new VirtualIu891a({ meters: [] });
    const out: Buffer[] = [];
    stick.onData((b) => out.push(b));
    stick.receive(handFrame('09 03 04 02 00 00 00 32 00 00 00 00 00'));
    stick.receive(handFrame('09 81')); // wM-Bus address: a real request this simulation does not serve
    expect(out).toEqual([handFrame('09 04 03'), handFrame('09 82 02')]);
  });
});

describe('Iu891a driver on the virtual iU891A', () => {
  let device: Iu891a | undefined;
  afterEach(async () => {
    await device?.close();
    device = undefined;
  });

  function openVirtual(intervalMs = 15) {
    const stick = new VirtualIu891a({
      meters: [METER, { id: '11112222', key: Buffer.alloc(16, 7), baseLoadW: 300 }],
      intervalMs,
      random: seeded(7),
    });
    const plug = virtualPlug(PATH, stick, nowhere);
    device = new Iu891a({
      path: PATH,
      openPort: plug.openPort,
      exists: plug.exists,
      reconnectIntervalMs: 20,
      presenceCheckMs: 20,
    });
    return { device, stick, plug };
  }

  /** The next `count` telegrams `d` delivers. */
  async function collect(d: Iu891a, count: number): Promise<StickTelegram[]> {
    const seen: StickTelegram[] = [];
    const stop = d.on('telegram', (t) => seen.push(t));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeout: 5000, interval: 5 });
    stop();
    return seen.slice(0, count);
  }

  it('opens, identifies itself, takes C1a and delivers telegrams the app decodes, with dBm and times', async () => {
    const { device: d, stick } = openVirtual();
    await d.open();
    expect(d.status.state).toBe('ready');
    expect(await d.identify()).toEqual({
      kind: 'iu891a',
      module: 'iU891A-XL',
      firmware: '1.3',
      uniqueId: '56495254',
      linkModes: ['s1', 's1m', 't1', 't2', 'c1a', 'c1b', 'c2a', 'c2b', 'c1t1'],
      details: {
        'module type': '0x6e',
        'firmware build': '42',
        'firmware date': '01.02.2024',
        'firmware name': 'iU891A virtual',
        'device info (more)': 'be2d0600',
      },
    });
    const collecting = collect(d, 12);
    await d.setLinkMode('c1a');
    expect(stick.activeConfig).toMatchObject({ linkModeCode: 0x05, options: 0x0e });

    const telegrams = await collecting;
    const decoder = new TelegramDecoder({ monitored: new Map([[METER.id, KEY]]), fallbackKey: null });
    const ours = telegrams.map((t) => decoder.decode(t.frame)).flatMap((o) => (o.ok ? [o.telegram] : []));
    expect(ours.length).toBeGreaterThanOrEqual(5);
    // The receiver was off until the link mode was set, so the first (long) telegram may be missed.
    expect(ours.every((t) => t.frameKind === 'long' || t.frameKind === 'compact')).toBe(true);
    const energy = ours.map((t) => t.values['A+']!.value);
    expect(energy[0]).toBeGreaterThanOrEqual(50); // started at 5000 × 10 Wh = 50 kWh
    expect(energy.every((v, i) => i === 0 || v >= energy[i - 1]!)).toBe(true);
    for (const t of telegrams) {
      expect(t.frame[0]).toBe(0x44); // from the C field: L is gone
      expect(t.rssiDbm).toBeLessThan(0);
      expect(t.rssiDbm).toBeGreaterThan(-120);
      expect(t.timestamp).toBe(Math.floor(t.timestamp!));
      expect(Math.abs(t.receivedAt - Date.now())).toBeLessThan(5000);
    }
    expect(d.status.state).toBe('receiving');
  });

  it('hears nothing from C-mode meters while listening in T1, then hears them in C+T', async () => {
    const { device: d } = openVirtual(5);
    await d.open();
    await d.setLinkMode('t1');
    let heard = 0;
    d.on('telegram', () => heard++);
    await new Promise((r) => setTimeout(r, 120));
    expect(heard).toBe(0);
    await d.setLinkMode('c1t1');
    await collect(d, 3);
  });

  it('refuses R2 in words before sending anything, and keeps the mode it had', async () => {
    const { device: d, stick } = openVirtual();
    await d.open();
    await d.setLinkMode('c1b');
    const sent: Buffer[] = [];
    d.on('bytes', (b) => sent.push(b));
    await expect(d.setLinkMode('r2')).rejects.toMatchObject({
      code: 'REJECTED',
      message: expect.stringMatching(/cannot listen in R2: it listens in S, T, C or C\+T/),
    });
    expect(sent).toEqual([]);
    expect(stick.activeConfig.linkModeCode).toBe(0x05);
  });

  it('reads the application status and restarts, setting the link mode again afterwards', async () => {
    const { device: d, stick } = openVirtual(1000);
    await d.open();
    await d.setLinkMode('c1a');
    expect(await d.getApplicationStatus()).toMatchObject({ linkModeCode: 0x05, restarts: 0 });
    await d.restart();
    expect(stick.activeConfig.linkModeCode).toBe(0x05);
    expect(await d.getApplicationStatus()).toMatchObject({ restarts: 1 });
  });

  it('goes unplugged when the stick is pulled, and resumes with its link mode when plugged back', async () => {
    const { device: d, stick, plug } = openVirtual(10);
    const statuses: StickStatus[] = [];
    d.on('status', (s) => statuses.push(s));
    await d.open();
    await d.setLinkMode('c1b');
    await collect(d, 2);

    plug.unplug();
    await vi.waitFor(() => expect(d.status.state).toBe('unplugged'));
    // Whichever the driver notices first: the port's disconnect or the path gone.
    expect(d.status.reason).toMatch(
      /went away \((device disconnected|\/dev\/virtual-iu891a no longer exists)\); waiting for it to come back/,
    );
    expect(stick.activeConfig.linkModeCode).toBe(0x00); // powered off: its RAM configuration is gone
    await expect(d.ping()).rejects.toMatchObject({ code: 'NOT_OPEN' });

    plug.replug();
    await vi.waitFor(() => expect(d.status.state).toMatch(/ready|receiving/), { timeout: 3000 });
    expect(stick.activeConfig.linkModeCode).toBe(0x05);
    await collect(d, 2);
    expect(statuses.map((s) => s.state)).toEqual(
      expect.arrayContaining(['opening', 'ready', 'receiving', 'unplugged']),
    );
  });

  it('reports frames the stick garbled as frameError events and keeps the good ones', () => {
    const errors: string[] = [];
    const framer = new Iu891aFramer({ onError: (e) => errors.push(e.reason) });
    const frames = framer.push(Buffer.concat([hex('c0 09 20 00 c0'), handFrame('01 02 00')]));
    expect(frames).toHaveLength(1);
    expect(errors).toEqual(['too-short']);
  });
});

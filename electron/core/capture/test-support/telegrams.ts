// Test support: telegrams of a simulated OmniPower as the stick delivers them, and scratch folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeHciFrame, HciEndpoint, RadioLinkMessage, SimulatedOmniPower } from '../../stick';

export const METER_ID = '32666857';
export const METER_KEY_HEX = '9A25139E3244CC2E391A8EF6B915B697';

/**
 * wmbusmeters/wmbusmeters, simulations/simulation_omnipower.txt: the whole file, one line (a real
 * OmniPower 32666857 telegram; it decodes with the key above).
 */
export const SIMULATION_OMNIPOWER =
  'telegram=||27442D2C5768663230028D20AD00C81C20A12513459083CBF117E7D3213A844ABF3BE89DC7D15B9A|';

/** A seeded stand-in for Math.random, so the telegrams are the same in every run. */
export function seeded(seed = 1): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export interface StickTelegramBytes {
  frame: Buffer;
  rssi: number;
  /** The iM871A frame that carried it (CRC and RSSI trailers). */
  hci: Buffer;
}

/** `count` telegrams (one long, seven compact, …) of the OmniPower 32666857, a minute apart. */
export function omniPowerTelegrams(count: number, seed = 1): StickTelegramBytes[] {
  const meter = new SimulatedOmniPower(
    { id: METER_ID, key: Buffer.from(METER_KEY_HEX, 'hex') },
    seeded(seed),
  );
  return Array.from({ length: count }, (_, i) => {
    const { frame, rssi } = meter.nextTelegram(1_760_000_000_000 + i * 60_000);
    return { frame, rssi, hci: stickFrame(frame, rssi) };
  });
}

export function stickFrame(frame: Buffer, rssi: number): Buffer {
  return encodeHciFrame({
    endpoint: HciEndpoint.radioLink,
    messageId: RadioLinkMessage.telegramIndication,
    payload: frame,
    rssi,
  });
}

/** A scratch folder removed by the returned function. */
export function scratch(name: string): { dir: string; file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gd-${name}-`));
  return {
    dir,
    file: (file) => path.join(dir, file),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

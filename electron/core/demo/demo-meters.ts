import type { SimulatedMeterSpec } from '../stick';

/**
 * The demo's OmniPower meter: the one the demo profile monitors from the start. Its id and key are
 * those of the published OmniPower test telegrams, so a pasted example decodes with the same key.
 * Written down here only; everything that means "the demo meter" imports it.
 */
export const DEMO_METER = {
  id: '32666857',
  keyHex: '9A25139E3244CC2E391A8EF6B915B697',
} as const;

/** A neighbour the virtual stick also hears but nobody monitors: the live view shows it as such. */
export const DEMO_NEIGHBOUR = {
  id: '32666901',
  keyHex: '5B1F0C2A7D3E4F6081924A3BC5D6E7F8',
} as const;

/**
 * Two more neighbours for "Meters in range": a water meter next door, heard weakly and sending half as
 * often, and an electricity meter that falls silent after a few telegrams. Made-up ids and keys; no
 * one monitors them, so their keys never leave the virtual stick.
 */
export const DEMO_FAR_NEIGHBOUR = { id: '67204188', keyHex: '2E7B4C19D05A836F1B9E4D27C60A5F83' } as const;
export const DEMO_FADING_NEIGHBOUR = { id: '32667012', keyHex: 'A4D2196E0B7C3F58E21A9D6C47B0F315' } as const;
/** How many telegrams the fading neighbour sends before it falls silent. */
const DEMO_FADING_TELEGRAMS = 5;

/**
 * The demo's Multical 21 cold-water meter, monitored beside the OmniPower: its readings are decoded
 * and shown, never published (API v2 has no water channels). A made-up id and key.
 */
export const DEMO_WATER_METER = {
  id: '67203915',
  keyHex: 'C3A91F0E7B24D8563E1F9A0C2B7D4E61',
} as const;

/** A meter the demo monitors from the start, as the monitored-meter store takes it. */
export interface DemoMonitoredMeter {
  deviceId: string;
  encryptionKey: Buffer;
  /** Shown as the meter's device key (manufacturerDeviceKey). */
  label: string;
}

/** The demo meter's key as bytes (a fresh copy: callers may keep it). */
export function demoMeterKey(): Buffer {
  return Buffer.from(DEMO_METER.keyHex, 'hex');
}

/** What the demo monitors from the start: the OmniPower first, then the water meter. */
export function demoMonitoredMeters(): DemoMonitoredMeter[] {
  return [
    { deviceId: DEMO_METER.id, encryptionKey: demoMeterKey(), label: 'OmniPower demo' },
    {
      deviceId: DEMO_WATER_METER.id,
      encryptionKey: Buffer.from(DEMO_WATER_METER.keyHex, 'hex'),
      label: 'Multical 21 demo',
    },
  ];
}

const keyOf = (m: { keyHex: string }) => Buffer.from(m.keyHex, 'hex');

/**
 * What the virtual stick simulates in the demo: the demo meter and the water meter (a household's
 * use, ≈ 90 l/h on average, so its total visibly rises within minutes), both heard well; and the
 * unmonitored neighbours at other strengths and paces (RSSI bytes: 121 ≈ -62 dBm, 80 ≈ -82.5 dBm,
 * 56 ≈ -94.5 dBm), one of which falls silent.
 */
export function demoSimulatedMeters(): SimulatedMeterSpec[] {
  return [
    { id: DEMO_METER.id, key: keyOf(DEMO_METER) },
    { id: DEMO_NEIGHBOUR.id, key: keyOf(DEMO_NEIGHBOUR), rssi: 80 },
    {
      id: DEMO_WATER_METER.id,
      key: keyOf(DEMO_WATER_METER),
      kind: 'multical21',
      startLitres: 48_217,
      baseFlowLph: 90,
      rssi: 112,
    },
    {
      id: DEMO_FAR_NEIGHBOUR.id,
      key: keyOf(DEMO_FAR_NEIGHBOUR),
      kind: 'multical21',
      startLitres: 1_204,
      rssi: 56,
      intervalFactor: 2,
    },
    {
      id: DEMO_FADING_NEIGHBOUR.id,
      key: keyOf(DEMO_FADING_NEIGHBOUR),
      rssi: 100,
      silentAfter: DEMO_FADING_TELEGRAMS,
    },
  ];
}

import type { SimulatedMeterSpec } from '../dongle';

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

/**
 * What the virtual stick simulates in the demo: the demo meter, its unmonitored neighbour and the
 * water meter (a household's use, ≈ 90 l/h on average, so its total visibly rises within minutes).
 */
export function demoSimulatedMeters(): SimulatedMeterSpec[] {
  const electricity = [DEMO_METER, DEMO_NEIGHBOUR].map((m) => ({
    id: m.id,
    key: Buffer.from(m.keyHex, 'hex'),
  }));
  const water: SimulatedMeterSpec = {
    id: DEMO_WATER_METER.id,
    key: Buffer.from(DEMO_WATER_METER.keyHex, 'hex'),
    kind: 'multical21',
    startLitres: 48_217,
    baseFlowLph: 90,
    rssi: 112,
  };
  return [...electricity, water];
}

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

/** The demo meter's key as bytes (a fresh copy: callers may keep it). */
export function demoMeterKey(): Buffer {
  return Buffer.from(DEMO_METER.keyHex, 'hex');
}

/** What the virtual stick simulates in the demo: the demo meter and its unmonitored neighbour. */
export function demoSimulatedMeters(): SimulatedMeterSpec[] {
  return [DEMO_METER, DEMO_NEIGHBOUR].map((m) => ({ id: m.id, key: Buffer.from(m.keyHex, 'hex') }));
}

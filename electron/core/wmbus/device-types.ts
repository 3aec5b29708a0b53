/**
 * Device type ("medium") byte of the link-layer header, EN 13757-3:2018 Table 12 (formerly
 * EN 13757-3:2013 Table 3). Names are short, lower case, and stable: callers show and export them.
 */
const DEVICE_TYPES: Readonly<Record<number, string>> = {
  0x00: 'other',
  0x01: 'oil',
  0x02: 'electricity',
  0x03: 'gas',
  0x04: 'heat',
  0x05: 'steam',
  0x06: 'warm water',
  0x07: 'water',
  0x08: 'heat cost allocator',
  0x09: 'compressed air',
  0x0a: 'cooling (outlet)',
  0x0b: 'cooling (inlet)',
  0x0c: 'heat (inlet)',
  0x0d: 'heat/cooling',
  0x0e: 'bus/system component',
  0x0f: 'unknown medium',
  0x14: 'calorific value',
  0x15: 'hot water',
  0x16: 'cold water',
  0x17: 'dual register water',
  0x18: 'pressure',
  0x19: 'A/D converter',
  0x1a: 'smoke detector',
  0x1b: 'room sensor',
  0x1c: 'gas detector',
  0x20: 'breaker (electricity)',
  0x21: 'valve (gas or water)',
  0x25: 'customer unit (display)',
  0x28: 'waste water',
  0x29: 'garbage',
  0x2a: 'carbon dioxide',
  0x31: 'communication controller',
  0x32: 'unidirectional repeater',
  0x33: 'bidirectional repeater',
  0x36: 'radio converter (system side)',
  0x37: 'radio converter (meter side)',
};

const NAMES: readonly string[] = Array.from(
  { length: 256 },
  (_, type) => DEVICE_TYPES[type] ?? `reserved (0x${type.toString(16).padStart(2, '0')})`,
);

/** Name of a device type byte; reserved codes are named with their hex value. */
export function deviceTypeName(type: number): string {
  return NAMES[type & 0xff] as string;
}

export const DEVICE_TYPE_ELECTRICITY = 0x02;

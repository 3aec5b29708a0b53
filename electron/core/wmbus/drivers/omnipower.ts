import type { MeterDriver } from './driver';

/**
 * Kamstrup OmniPower electricity meter (single-phase, three-phase and CT variants send the same four
 * values). Fields are found by meaning — energy or power, forward or backward — not by byte pattern.
 * OmniPower's records (DIF 04 = 32-bit integer):
 *   A+  04 04     energy imported, 10 Wh      A-  04 84 3C  energy exported (VIFE 3C backward), 10 Wh
 *   P+  04 2B     power imported, 1 W         P-  04 AB 3C  power exported, 1 W
 */
export const OMNIPOWER: MeterDriver = {
  name: 'omnipower',
  label: 'Kamstrup OmniPower electricity meter',
  detect: [{ manufacturer: 'KAM', type: 0x02 }],
  linkModes: ['C1'],
  // One long then seven compact telegrams; format signature 0x8C13 (on air 13 8C).
  compactFormats: ['040404843c042b04ab3c'],
  fields: [
    { kind: 'number', name: 'A+', label: 'energy imported', unit: 'kWh', scale: -3, source: { unit: 'Wh' } },
    {
      kind: 'number',
      name: 'A-',
      label: 'energy exported',
      unit: 'kWh',
      scale: -3,
      source: { unit: 'Wh', direction: 'backward' },
    },
    { kind: 'number', name: 'P+', label: 'power imported', unit: 'kW', scale: -3, source: { unit: 'W' } },
    {
      kind: 'number',
      name: 'P-',
      label: 'power exported',
      unit: 'kW',
      scale: -3,
      source: { unit: 'W', direction: 'backward' },
    },
  ],
  // ReMoni API v2's four electricity channels: A± in kWh, P± in W.
  channels: [
    {
      number: 1,
      field: 'A+',
      dataType: 'accumulated-power',
      name: 'A+ / Active positive energy',
      unit: 'kWh',
    },
    {
      number: 2,
      field: 'A-',
      dataType: 'accumulated-power',
      name: 'A- / Active negative energy',
      unit: 'kWh',
    },
    { number: 3, field: 'P+', dataType: 'power', name: 'P+ / Active positive power', unit: 'W' },
    { number: 4, field: 'P-', dataType: 'power', name: 'P- / Active negative power', unit: 'W' },
  ],
  unpublishedReason: null,
  wmbusmeters: {
    driver: 'omnipower',
    fields: [
      ['total_energy_consumption_kwh', 'A+'],
      ['total_energy_production_kwh', 'A-'],
      ['current_power_consumption_kw', 'P+'],
      ['current_power_production_kw', 'P-'],
    ],
  },
};

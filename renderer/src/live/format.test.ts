import { describe, expect, it } from 'vitest';
import {
  energyReading,
  fieldReading,
  formatEnergy,
  formatPower,
  powerReadings,
  summariseValues,
  toKilowattHours,
  toWatts,
} from './format';

describe('energy and power', () => {
  it('shows energy in kWh with two decimals (10 Wh resolution)', () => {
    expect(formatEnergy({ value: 2.15, unit: 'kWh' })).toBe('2.15 kWh');
    expect(formatEnergy({ value: 21500, unit: 'Wh' })).toBe('21.50 kWh');
    expect(energyReading({ value: 12345.6, unit: 'kWh' })).toEqual({ number: '12,345.60', unit: 'kWh' });
  });

  it('shows power as kW and as the W that API v2 publishes', () => {
    expect(formatPower({ value: 0.812, unit: 'kW' })).toEqual({ kw: '0.812 kW', w: '812 W' });
    expect(formatPower({ value: 1500, unit: 'W' })).toEqual({ kw: '1.500 kW', w: '1,500 W' });
  });

  it('shows an unknown unit as it came instead of guessing', () => {
    expect(formatEnergy({ value: 3, unit: 'GJ' })).toBe('3 GJ');
    expect(powerReadings({ value: 3, unit: 'hp' })).toEqual({ kw: { number: '3', unit: 'hp' }, w: null });
  });

  it('summarises a telegram in one line', () => {
    expect(
      summariseValues({
        'A+': { value: 2.15, unit: 'kWh' },
        'A-': { value: 0, unit: 'kWh' },
        'P+': { value: 0.743, unit: 'kW' },
        'P-': { value: 0, unit: 'kW' },
      }),
    ).toBe('A+ 2.15 kWh · A- 0.00 kWh · P+ 0.743 kW · P- 0.000 kW');
    expect(summariseValues(null)).toBe('');
  });

  it('summarises any other driver’s fields in words, text and units included', () => {
    expect(
      summariseValues({
        total_volume: { value: 6.408, unit: 'm3' },
        flow_temperature: { value: 11, unit: 'C' },
        info_codes: { value: 'leak now', unit: '' },
      }),
    ).toBe('total volume 6.408 m3 · flow temperature 11 °C · info codes leak now');
  });

  it('reads a driver field, and never converts text as a number', () => {
    expect(fieldReading({ value: 19, unit: 'C' })).toEqual({ number: '19', unit: '°C' });
    expect(fieldReading({ value: 'OK', unit: '' })).toEqual({ number: 'OK', unit: '' });
    expect(toKilowattHours({ value: 'OK', unit: 'kWh' })).toBeNull();
    expect(toWatts({ value: '5', unit: 'W' })).toBeNull();
  });
});

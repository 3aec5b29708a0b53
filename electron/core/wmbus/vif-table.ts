import { hexByte } from './hex';
import { applyVifes } from './vife-table';

/**
 * Value information (VIF/VIFE) → quantity, base unit and scale, EN 13757-3:2018 §6.4 (primary VIF
 * table, the 0xFB and 0xFD extension tables and the combinable "orthogonal" VIFE table). Values are
 * scaled to base units (Wh, W, m3, s, …): value = raw × factor × 10^exponent.
 */

/** How the data bytes read: a number, a date (type G, F, I, J by length), or bytes shown as hex. */
export type ValueKind = 'number' | 'date' | 'datetime' | 'binary';

export interface VifMeaning {
  description: string;
  /** Base unit, or null when unknown or dimensionless (counters, identifiers, flags). */
  unit: string | null;
  exponent: number;
  /** Non-decimal multiplier, e.g. 3600 for hours → seconds. */
  factor: number;
  kind: ValueKind;
  /** VIFE 0x3C: accumulated only for negative contributions ("backward flow", e.g. energy export). */
  backward: boolean;
}

function m(
  description: string,
  unit: string | null,
  exponent = 0,
  factor = 1,
  kind: ValueKind = 'number',
): VifMeaning {
  return { description, unit, exponent, factor, kind, backward: false };
}

const TIME_FACTORS = [1, 60, 3600, 86400];
const unknown = (code: number, table: string): VifMeaning => m(`unknown VIF ${hexByte(code)}${table}`, null);

function buildPrimary(): VifMeaning[] {
  const t: VifMeaning[] = [];
  for (let n = 0; n < 8; n++) {
    t[0x00 + n] = m('energy', 'Wh', n - 3);
    t[0x08 + n] = m('energy', 'J', n);
    t[0x10 + n] = m('volume', 'm3', n - 6);
    t[0x18 + n] = m('mass', 'kg', n - 3);
    t[0x28 + n] = m('power', 'W', n - 3);
    t[0x30 + n] = m('power', 'J/h', n);
    t[0x38 + n] = m('volume flow', 'm3/h', n - 6);
    t[0x40 + n] = m('volume flow', 'm3/min', n - 7);
    t[0x48 + n] = m('volume flow', 'm3/s', n - 9);
    t[0x50 + n] = m('mass flow', 'kg/h', n - 3);
  }
  for (let n = 0; n < 4; n++) {
    t[0x20 + n] = m('on time', 's', 0, TIME_FACTORS[n]);
    t[0x24 + n] = m('operating time', 's', 0, TIME_FACTORS[n]);
    t[0x58 + n] = m('flow temperature', '°C', n - 3);
    t[0x5c + n] = m('return temperature', '°C', n - 3);
    t[0x60 + n] = m('temperature difference', 'K', n - 3);
    t[0x64 + n] = m('external temperature', '°C', n - 3);
    t[0x68 + n] = m('pressure', 'bar', n - 3);
    t[0x70 + n] = m('averaging duration', 's', 0, TIME_FACTORS[n]);
    t[0x74 + n] = m('actuality duration', 's', 0, TIME_FACTORS[n]);
  }
  t[0x6c] = m('date', null, 0, 1, 'date');
  t[0x6d] = m('date and time', null, 0, 1, 'datetime');
  t[0x6e] = m('heat cost allocation', 'HCA units');
  t[0x78] = m('fabrication number', null);
  t[0x79] = m('enhanced identification', null);
  t[0x7a] = m('bus address', null);
  t[0x7c] = m('plain-text unit', null);
  t[0x7e] = m('any VIF (readout selection)', null);
  t[0x7f] = m('manufacturer-specific', null);
  for (let code = 0; code < 0x80; code++) t[code] ??= unknown(code, '');
  return t;
}

/** First extension table, VIF 0xFB (EN 13757-3 Table 14). */
function buildFb(): VifMeaning[] {
  const t: VifMeaning[] = [];
  for (let n = 0; n < 2; n++) {
    t[0x00 + n] = m('energy', 'Wh', n - 1 + 6);
    t[0x02 + n] = m('reactive energy', 'varh', n + 3);
    t[0x08 + n] = m('energy', 'J', n - 1 + 9);
    t[0x10 + n] = m('volume', 'm3', n + 2);
    t[0x18 + n] = m('mass', 'kg', n + 2 + 3);
    t[0x1a + n] = m('relative humidity', '%', n - 1);
    t[0x28 + n] = m('power', 'W', n - 1 + 6);
    t[0x30 + n] = m('power', 'J/h', n - 1 + 9);
  }
  for (let n = 0; n < 4; n++) {
    t[0x0c + n] = m('energy', 'cal', n - 1 + 6);
    t[0x14 + n] = m('reactive power', 'var', n);
    t[0x2c + n] = m('frequency', 'Hz', n - 3);
    t[0x34 + n] = m('apparent power', 'VA', n);
    t[0x58 + n] = m('flow temperature', '°F', n - 3);
    t[0x5c + n] = m('return temperature', '°F', n - 3);
    t[0x60 + n] = m('temperature difference', '°F', n - 3);
    t[0x64 + n] = m('external temperature', '°F', n - 3);
  }
  t[0x2a] = m('phase U-U', '°', -1);
  t[0x2b] = m('phase U-I', '°', -1);
  for (let code = 0; code < 0x80; code++) t[code] ??= unknown(code, ' in table 0xFB');
  return t;
}

/** Second extension table, VIF 0xFD (EN 13757-3 Table 15). */
function buildFd(): VifMeaning[] {
  const t: VifMeaning[] = [];
  const named: [number, string][] = [
    [0x08, 'access number'],
    [0x09, 'device type'],
    [0x0a, 'manufacturer'],
    [0x0b, 'parameter set identification'],
    [0x0c, 'model/version'],
    [0x0d, 'hardware version'],
    [0x0e, 'firmware version'],
    [0x0f, 'software version'],
    [0x10, 'customer location'],
    [0x11, 'customer'],
    [0x12, 'access code user'],
    [0x13, 'access code operator'],
    [0x14, 'access code system operator'],
    [0x15, 'access code developer'],
    [0x16, 'password'],
    [0x17, 'error flags'],
    [0x18, 'error mask'],
    [0x1a, 'digital output'],
    [0x1b, 'digital input'],
    [0x1c, 'baud rate'],
    [0x1d, 'response delay time'],
    [0x1e, 'retry'],
    [0x1f, 'remote control'],
    [0x20, 'first storage number'],
    [0x21, 'last storage number'],
    [0x22, 'size of storage block'],
    [0x2a, 'operator-specific data'],
    [0x3a, 'dimensionless'],
    [0x60, 'reset counter'],
    [0x61, 'cumulation counter'],
    [0x62, 'control signal'],
    [0x63, 'day of week'],
    [0x64, 'week number'],
    [0x65, 'time point of day change'],
    [0x66, 'state of parameter activation'],
    [0x67, 'special supplier information'],
    [0x72, 'daylight saving'],
    [0x73, 'listening window management'],
    [0x75, 'number of times the meter was stopped'],
    [0x76, 'manufacturer protocol container'],
  ];
  for (const [code, description] of named) t[code] = m(description, null);
  for (let n = 0; n < 4; n++) {
    t[0x00 + n] = m('credit', 'currency units', n - 3);
    t[0x04 + n] = m('debit', 'currency units', n - 3);
    t[0x24 + n] = m('storage interval', 's', 0, TIME_FACTORS[n]);
    t[0x2c + n] = m('duration since last readout', 's', 0, TIME_FACTORS[n]);
    t[0x34 + n] = m('period of tariff', 's', 0, TIME_FACTORS[n]);
  }
  for (let n = 1; n < 4; n++) t[0x30 + n] = m('duration of tariff', 's', 0, TIME_FACTORS[n]);
  for (let n = 0; n < 16; n++) {
    t[0x40 + n] = m('voltage', 'V', n - 9);
    t[0x50 + n] = m('current', 'A', n - 12);
  }
  t[0x28] = m('storage interval', 'months');
  t[0x29] = m('storage interval', 'years');
  t[0x2b] = m('time point', 's');
  t[0x30] = m('start of tariff', null, 0, 1, 'datetime');
  t[0x38] = m('period of tariff', 'months');
  t[0x39] = m('period of tariff', 'years');
  t[0x68] = m('duration since last cumulation', 's', 0, 3600);
  t[0x69] = m('duration since last cumulation', 's', 0, 86400);
  t[0x6a] = m('duration since last cumulation', 'months');
  t[0x6b] = m('duration since last cumulation', 'years');
  t[0x6c] = m('battery operating time', 's', 0, 3600);
  t[0x6d] = m('battery operating time', 's', 0, 86400);
  t[0x6e] = m('battery operating time', 'months');
  t[0x6f] = m('battery operating time', 'years');
  t[0x70] = m('date and time of battery change', null, 0, 1, 'datetime');
  t[0x71] = m('RF level', 'dBm');
  t[0x74] = m('remaining battery lifetime', 's', 0, 86400);
  for (let code = 0; code < 0x80; code++) t[code] ??= unknown(code, ' in table 0xFD');
  return t;
}

const PRIMARY = buildPrimary();
const TABLE_FB = buildFb();
const TABLE_FD = buildFd();

export const VIF_TABLE_FB = 0xfb;
export const VIF_TABLE_FD = 0xfd;
const VIF_MANUFACTURER = 0x7f;

/** The meaning before combinable VIFEs; `vifes[0]` is the table code when vif is 0xFB/0xFD. */
function baseMeaning(vif: number, vifes: readonly number[]): VifMeaning {
  if (vif === VIF_TABLE_FB || vif === VIF_TABLE_FD) {
    const code = vifes[0];
    if (code === undefined) return unknown(vif, ' (extension code missing)');
    return (vif === VIF_TABLE_FB ? TABLE_FB : TABLE_FD)[code & 0x7f] as VifMeaning;
  }
  return PRIMARY[vif & 0x7f] as VifMeaning;
}

/**
 * Meaning of a VIF and its VIFE chain. Unknown codes give unit null, never an error: a record we
 * cannot name is still shown with its raw value.
 */
export function describeVif(vif: number, vifes: readonly number[], plainTextUnit?: string): VifMeaning {
  if ((vif & 0x7f) === VIF_MANUFACTURER) return manufacturerVif(vifes);
  let meaning = baseMeaning(vif, vifes);
  if ((vif & 0x7f) === 0x7c && plainTextUnit !== undefined) meaning = m('plain-text unit', plainTextUnit);
  const first = vif === VIF_TABLE_FB || vif === VIF_TABLE_FD ? 1 : 0;
  return first < vifes.length ? applyVifes(meaning, vifes, first) : meaning;
}

/** VIF 0x7F/0xFF: the VIFEs and the data are the manufacturer's; listed, not interpreted. */
function manufacturerVif(vifes: readonly number[]): VifMeaning {
  const listed = vifes.length === 0 ? '' : ` with VIFE ${vifes.map(hexByte).join(' ')}`;
  return m(`manufacturer-specific VIF${listed}`, null);
}

import { hexByte } from './hex';
import type { VifMeaning } from './vif-table';

/**
 * The combinable ("orthogonal") VIFEs of EN 13757-3:2018 §6.4 that follow a VIF: record errors,
 * per-time and per-quantity units, forward/backward flow, limits, durations, correction factors,
 * and the escape to manufacturer-specific VIFEs. Each one changes the meaning of the record; none is
 * dropped silently: an unnamed code is listed by its hex value.
 */

const VIFE_EXTENSION_TABLE = 0x7c;
const VIFE_MANUFACTURER = 0x7f;
const TIME_UNITS = ['s', 'min', 'h', 'd'];
const TIME_FACTORS = [1, 60, 3600, 86400];
const PER_TIME = ['s', 'min', 'h', 'd', 'week', 'month', 'year', 'revolution/measurement'];
const PER_QUANTITY = ['l', 'm3', 'kg', 'K', 'kWh', 'GJ', 'kW', 'K·l', 'V', 'A'];

/** Record error codes a meter sends in a VIFE (EN 13757-3 §6.4, "codes for record errors"). */
const RECORD_ERRORS: Record<number, string> = {
  0x00: 'no error',
  0x01: 'too many DIFEs',
  0x02: 'storage number not implemented',
  0x03: 'unit number not implemented',
  0x04: 'tariff number not implemented',
  0x05: 'function not implemented',
  0x06: 'data class not implemented',
  0x07: 'data size not implemented',
  0x0b: 'too many VIFEs',
  0x0c: 'illegal VIF group',
  0x0d: 'illegal VIF exponent',
  0x0e: 'VIF/DIF mismatch',
  0x0f: 'unimplemented action',
  0x15: 'no data available (undefined value)',
  0x16: 'data overflow',
  0x17: 'data underflow',
  0x18: 'data error',
};

/** Second combinable table, after VIFE 0xFC (EN 13757-3:2018): where an electrical value applies. */
const EXTENSION_MEANINGS: Record<number, string> = {
  0x01: 'at phase L1',
  0x02: 'at phase L2',
  0x03: 'at phase L3',
  0x04: 'at neutral',
  0x05: 'between phases L1 and L2',
  0x06: 'between phases L2 and L3',
  0x07: 'between phases L3 and L1',
  0x10: 'accumulated absolute value of positive and negative contributions',
};

const limit = (code: number): string => ((code & 0x08) !== 0 ? 'upper' : 'lower');
const firstOrLast = (code: number): string => ((code & 0x04) !== 0 ? 'last' : 'first');
const beginOrEnd = (code: number): string => ((code & 0x01) !== 0 ? 'end' : 'begin');

/** A meaning whose value is now a date, a count or a duration rather than the VIF's quantity. */
const asDate = (m: VifMeaning, description: string): VifMeaning => ({
  ...m,
  description,
  unit: null,
  exponent: 0,
  factor: 1,
  kind: 'datetime',
});
const asCount = (m: VifMeaning, description: string): VifMeaning => ({
  ...m,
  description,
  unit: null,
  exponent: 0,
  factor: 1,
  kind: 'number',
});
const asDuration = (m: VifMeaning, description: string, unitCode: number): VifMeaning => ({
  ...m,
  description: `${description} (in ${TIME_UNITS[unitCode]})`,
  unit: 's',
  exponent: 0,
  factor: TIME_FACTORS[unitCode]!,
  kind: 'number',
});
const withDescription = (m: VifMeaning, description: string): VifMeaning => ({ ...m, description });
const withUnit = (m: VifMeaning, unit: string): VifMeaning => ({ ...m, unit });

/** Applies one combinable VIFE (its 7-bit code) to a meaning; returns a new meaning. */
function combine(m: VifMeaning, code: number): VifMeaning {
  const d = m.description;
  if (code <= 0x1f) {
    if (code === 0x1e || code === 0x1f) {
      const registers = code === 0x1e ? 'with' : 'without';
      return { ...m, description: `${d}, compact profile ${registers} registers`, kind: 'binary' };
    }
    return withDescription(m, `${d} [record error ${hexByte(code)}: ${RECORD_ERRORS[code] ?? 'reserved'}]`);
  }
  if (code <= 0x27) return withUnit(m, `${m.unit ?? ''}/${PER_TIME[code - 0x20]}`);
  if (code <= 0x2b) {
    const direction = code <= 0x29 ? 'input' : 'output';
    return withDescription(m, `${d}, increment per ${direction} pulse on ${direction} channel ${code & 1}`);
  }
  if (code <= 0x35) return withUnit(m, `${m.unit ?? ''}/${PER_QUANTITY[code - 0x2c]}`);
  if (code <= 0x38) return withUnit(m, `${m.unit ?? ''}·${['s', 's/V', 's/A'][code - 0x36]}`);
  if (code <= 0x3f) return namedVife(m, code);
  if (code <= 0x4f) return limitVife(m, code);
  if (code <= 0x5f)
    return asDuration(m, `duration of ${firstOrLast(code)} ${limit(code)} limit exceed of ${d}`, code & 3);
  if (code <= 0x67) return asDuration(m, `duration of ${firstOrLast(code)} ${d}`, code & 3);
  if (code <= 0x6f) return valueOrDateVife(m, code);
  if (code <= 0x77) return { ...m, exponent: m.exponent + (code - 0x70) - 6 };
  if (code <= 0x7b)
    return withDescription(m, `${d}, additive correction constant 10^${(code & 3) - 3} × unit`);
  if (code === 0x7d) return { ...m, exponent: m.exponent + 3 };
  if (code === 0x7e) return withDescription(m, `future value of ${d}`);
  return withDescription(m, `${d} (VIFE ${hexByte(code)})`);
}

/** VIFE 0x39-0x3F. */
function namedVife(m: VifMeaning, code: number): VifMeaning {
  const d = m.description;
  switch (code) {
    case 0x39:
      return asDate(m, `start date/time of ${d}`);
    case 0x3a:
      return withDescription(m, `${d} (uncorrected unit, at metering conditions)`);
    case 0x3b:
      return withDescription(m, `${d}, forward flow`);
    case 0x3c:
      return { ...m, description: `${d}, backward flow`, backward: true };
    case 0x3d:
      return withDescription(m, `${d} (alternate non-metric unit system)`);
    case 0x3e:
      return withDescription(m, `${d} at base conditions`);
    default:
      return withDescription(m, `${d}, OBIS declaration`);
  }
}

/** VIFE 0x40-0x4F: limit values, number of exceeds, dates of exceeds. */
function limitVife(m: VifMeaning, code: number): VifMeaning {
  const d = m.description;
  if ((code & 0x07) === 0) return withDescription(m, `${limit(code)} limit of ${d}`);
  if ((code & 0x07) === 1) return asCount(m, `number of exceeds of the ${limit(code)} limit of ${d}`);
  if ((code & 0x02) !== 0) {
    return asDate(
      m,
      `date/time of ${beginOrEnd(code)} of ${firstOrLast(code)} ${limit(code)} limit exceed of ${d}`,
    );
  }
  return withDescription(m, `${d} (reserved VIFE ${hexByte(code)})`);
}

/** VIFE 0x68-0x6F: values during limit exceeds, leakage/overflow values, dates. */
function valueOrDateVife(m: VifMeaning, code: number): VifMeaning {
  const d = m.description;
  if (code === 0x68 || code === 0x6c) return withDescription(m, `${d} during ${limit(code)} limit exceed`);
  if (code === 0x69) return withDescription(m, `${d}, leakage value`);
  if (code === 0x6d) return withDescription(m, `${d}, overflow value`);
  return asDate(m, `date/time of ${beginOrEnd(code)} of ${firstOrLast(code)} ${d}`);
}

/**
 * Applies the combinable VIFEs vifes[first…] to `meaning`. VIFE 0x7F makes the rest
 * manufacturer-specific; VIFE 0xFC takes its meaning from the next one.
 */
export function applyVifes(meaning: VifMeaning, vifes: readonly number[], first: number): VifMeaning {
  let m = meaning;
  for (let i = first; i < vifes.length; i++) {
    const code = vifes[i]! & 0x7f;
    if (code === VIFE_MANUFACTURER) return withManufacturerVifes(m, vifes.slice(i + 1));
    if (code === VIFE_EXTENSION_TABLE) {
      const next = vifes[++i];
      const extension = next === undefined ? undefined : EXTENSION_MEANINGS[next & 0x7f];
      const words =
        extension ?? `combinable extension ${next === undefined ? 'code missing' : hexByte(next & 0x7f)}`;
      m = withDescription(m, `${m.description}, ${words}`);
      continue;
    }
    m = combine(m, code);
  }
  return m;
}

/** After VIFE 0x7F the further VIFEs and the data are the manufacturer's: listed, not interpreted. */
function withManufacturerVifes(m: VifMeaning, rest: readonly number[]): VifMeaning {
  const listed = rest.length === 0 ? '' : ` ${rest.map(hexByte).join(' ')}`;
  return withDescription(m, `${m.description}, then manufacturer-specific VIFEs${listed} and data`);
}

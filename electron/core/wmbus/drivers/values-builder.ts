import type { Measurement, MeterValues } from './driver';

/** Puts each found measurement under its field's name, in the fields' order; leaves out what was not found. */
export type ValuesBuilder = (found: ReadonlyArray<Measurement | undefined>) => MeterValues;

/**
 * A builder with one named store per field, written out for one driver's field names. The obvious
 * loop, `values[name] = m`, is a single store that sees every field name, which V8 turns
 * megamorphic: on the decode path (every telegram) that alone cost more than the OmniPower's whole
 * value extraction did before drivers. Named stores in a generated function are as fast as
 * hand-written ones. The names are the driver files' constants, quoted with JSON.stringify; nothing
 * from a telegram ever goes into the code.
 */
export function valuesBuilder(names: readonly string[]): ValuesBuilder {
  const stores = names
    .map((name, i) => `if (found[${i}] !== undefined) values[${JSON.stringify(name)}] = found[${i}];`)
    .join('\n');
  return new Function('found', `const values = {};\n${stores}\nreturn values;`) as ValuesBuilder;
}

import type { ExplainedFieldView } from '../../../shared/gateway-types';
import type { DecodeError } from './errors';
import { spacedHex } from './hex';

/** Building blocks of `explainTelegram`'s protocol-analyser output. */

/**
 * One field of a frame; `offset` counts from the C field unless shifted with {@link withBaseOffset}.
 * `check` is there for fields that carry one (CRCs, format signature): did it pass, and the numbers.
 */
export type ExplainedField = ExplainedFieldView;

/** Collects fields over one byte source (the frame, or the decrypted payload at `base`). */
export class ExplainFieldList {
  readonly items: ExplainedField[] = [];

  add(
    bytes: Uint8Array,
    base: number,
    offset: number,
    length: number,
    name: string,
    meaning: string,
  ): ExplainedField {
    const at = offset - base;
    const item: ExplainedField = { offset, length, hex: spacedHex(bytes, at, at + length), name, meaning };
    this.items.push(item);
    return item;
  }

  error(error: DecodeError, fallbackOffset: number): void {
    const offset = error.offset ?? fallbackOffset;
    this.items.push({
      offset,
      length: 0,
      hex: '',
      name: 'error',
      meaning: error.message,
      check: { ok: false, detail: error.code },
    });
  }
}

/** Shifts offsets, e.g. by 1 to count from the L field or by 4 inside an iM871A HCI frame. */
export function withBaseOffset(fields: readonly ExplainedField[], base: number): ExplainedField[] {
  return fields.map((f) => ({ ...f, offset: f.offset + base }));
}

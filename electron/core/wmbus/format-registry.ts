import { crc16En13757, crc16En13757Continue, crc16En13757Finish } from './crc';
import { FrameFormatError } from './errors';
import { DATA_FIELD_LENGTH } from './data-field';
import { OMNIPOWER } from './drivers/omnipower';
import { DRIVERS } from './drivers/registry';
import { readRecordLayout, type MBusRecord, type RecordLayout } from './records';

/**
 * Compact-frame formats (TPL-CI 0x79, EN 13757-3 Annex / OMS Vol.2 §7.2.5): a compact frame only
 * carries the values; the DIF/VIF string that gives them meaning comes from an earlier long frame
 * with the same "format signature" = CRC-16/EN-13757 of that DIF/VIF string.
 */

export interface CompactFormat {
  signature: number;
  /** The DIF/VIF string of the equivalent long frame (DIF…VIFE of each record, back to back). */
  difVif: Buffer;
  layouts: readonly RecordLayout[];
  /** Where each layout's header starts in `difVif`. */
  headerOffsets: readonly number[];
  /** Total value bytes in a compact frame of this format. */
  dataLength: number;
  learned: boolean;
}

/** OmniPower: A+ (04 04), A- (04 84 3C), P+ (04 2B), P- (04 AB 3C); signature 0x8C13. */
export const OMNIPOWER_DIF_VIF: Readonly<Buffer> = Buffer.from(OMNIPOWER.compactFormats[0]!, 'hex');

/** The compact formats the drivers declare, parsed once: every registry starts with these. */
const DRIVER_FORMATS: readonly CompactFormat[] = DRIVERS.flatMap((driver) =>
  driver.compactFormats.map((hex) => compactFormatOf(Buffer.from(hex, 'hex'))),
);

export function formatSignature(difVif: Uint8Array): number {
  return crc16En13757(difVif);
}

/** Parses a DIF/VIF string into fixed-length layouts; throws FrameFormatError if it is not one. */
export function compactFormatOf(difVif: Uint8Array, learned = false): CompactFormat {
  const layouts: RecordLayout[] = [];
  const headerOffsets: number[] = [];
  let dataLength = 0;
  let pos = 0;
  while (pos < difVif.length) {
    const layout = readRecordLayout(difVif, pos, difVif.length, 0);
    if (layout === undefined || layout.vif === null || layout.dataLength < 0) {
      throw new FrameFormatError(
        `DIF/VIF string byte ${pos}: only fixed-length records can form a compact frame.`,
        {
          offset: pos,
        },
      );
    }
    layouts.push(layout);
    headerOffsets.push(pos);
    dataLength += layout.dataLength;
    pos += layout.headerLength;
  }
  return {
    signature: formatSignature(difVif),
    difVif: Buffer.from(difVif),
    layouts,
    headerOffsets,
    dataLength,
    learned,
  };
}

export interface FormatRegistryOptions {
  /** Start with the formats the meter drivers declare (OmniPower, Multical 21, …). Default true. */
  builtIn?: boolean;
  /** Learn the format of every long frame decoded with this registry. Default true. */
  learning?: boolean;
  /** Bound on learned formats (random input must not grow memory); oldest learned goes first. */
  maxLearned?: number;
}

/**
 * Signature → compact format. An explicit object, owned by the pipeline (one per receiver), so
 * learning is visible and testable rather than hidden global state.
 */
export class FormatRegistry {
  private readonly formats = new Map<number, CompactFormat>();
  private readonly learnedOrder: number[] = [];
  readonly learning: boolean;
  private readonly maxLearned: number;

  constructor(options: FormatRegistryOptions = {}) {
    this.learning = options.learning ?? true;
    this.maxLearned = options.maxLearned ?? 256;
    if (options.builtIn ?? true)
      for (const format of DRIVER_FORMATS) this.formats.set(format.signature, format);
  }

  get(signature: number): CompactFormat | undefined {
    return this.formats.get(signature);
  }

  get size(): number {
    return this.formats.size;
  }

  /** Adds a format from its DIF/VIF string (e.g. from a meter's documentation). */
  register(difVif: Uint8Array): CompactFormat {
    const format = compactFormatOf(difVif);
    this.formats.set(format.signature, format);
    return format;
  }

  /**
   * Remembers the format of a verified long frame: `records` parsed from `buf`, whose buf[0] is at
   * frame offset `frameOffset`. Frames with variable-length or manufacturer data cannot be
   * compacted and are ignored. Returns the (possibly already known) format, or undefined.
   */
  learnFromRecords(
    buf: Uint8Array,
    records: readonly MBusRecord[],
    frameOffset: number,
  ): CompactFormat | undefined {
    if (!this.learning || records.length === 0) return undefined;
    let reg = 0;
    for (const record of records) {
      if (record.vif === null || DATA_FIELD_LENGTH[record.dif & 0x0f]! < 0) return undefined;
      reg = crc16En13757Continue(reg, buf, record.offset - frameOffset, record.dataOffset - frameOffset);
    }
    const signature = crc16En13757Finish(reg);
    const known = this.formats.get(signature);
    if (known !== undefined) return known;
    const difVif = Buffer.concat(
      records.map((record) => buf.subarray(record.offset - frameOffset, record.dataOffset - frameOffset)),
    );
    const format = compactFormatOf(difVif, true);
    if (this.learnedOrder.length >= this.maxLearned) this.formats.delete(this.learnedOrder.shift()!);
    this.formats.set(signature, format);
    this.learnedOrder.push(signature);
    return format;
  }
}

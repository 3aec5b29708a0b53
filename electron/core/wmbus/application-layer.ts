import { decodeCompactFrame, TPL_CI_COMPACT, type CompactFrame } from './compact';
import { FrameFormatError, UnsupportedError } from './errors';
import type { FormatRegistry } from './format-registry';
import { hexByte } from './hex';
import { parseRecords, type MBusRecord } from './records';

/**
 * Transport/application layer by TPL-CI (EN 13757-7 Table 2): 0x78 records without a TPL header,
 * 0x79 compact frame, 0x7A short and 0x72 long TPL header followed by records (unencrypted only:
 * their own encryption modes, e.g. 5 = AES-CBC, are not implemented).
 */

export const TPL_CI_LONG = 0x78;
export const TPL_CI_SHORT_HEADER = 0x7a;
export const TPL_CI_LONG_HEADER = 0x72;
/** ACC, STS, CFG(2) after 0x7A; plus ID(4), M(2), version, type before them after 0x72. */
const SHORT_HEADER_LENGTH = 4;
const LONG_HEADER_LENGTH = 12;

export type FrameKind = 'long' | 'compact';

export interface ApplicationLayer {
  tplCi: number;
  frameKind: FrameKind;
  /** Access number from a TPL header (0x7A/0x72), else null. */
  accessNumber: number | null;
  records: MBusRecord[];
  compact: CompactFrame | null;
}

export function describeTplCi(ci: number): string {
  switch (ci) {
    case TPL_CI_LONG:
      return 'full frame: data records with DIF/VIF, no TPL header';
    case TPL_CI_COMPACT:
      return 'compact frame: format signature, data CRC, values only';
    case TPL_CI_SHORT_HEADER:
      return 'data records after a short TPL header';
    case TPL_CI_LONG_HEADER:
      return 'data records after a long TPL header';
    default:
      return 'unknown or unsupported CI';
  }
}

/** Reads ACC and checks the security mode of a 0x7A/0x72 TPL header; returns the access number. */
function readTplHeader(plain: Buffer, tplIndex: number, plainOffset: number, length: number): number {
  // CFG is the last 2 bytes of the header (LE); security mode = bits 12-8, i.e. the high byte's low 5 bits.
  const configAt = tplIndex + length - 1;
  if (configAt + 1 >= plain.length) {
    throw new FrameFormatError(
      `Frame ends at offset ${plainOffset + plain.length}, inside the ${length}-byte TPL header at offset ` +
        `${plainOffset + tplIndex + 1}.`,
      { offset: plainOffset + plain.length },
    );
  }
  const mode = plain[configAt + 1]! & 0x1f;
  if (mode !== 0) {
    throw new UnsupportedError(
      `The TPL configuration field at offset ${plainOffset + configAt} announces security mode ${mode}` +
        `${mode === 5 ? ' (AES-128-CBC)' : ''}; only ELL AES-128-CTR encryption is supported.`,
      { offset: plainOffset + configAt },
    );
  }
  return plain[configAt - 2]!;
}

/**
 * Decodes the application layer whose TPL-CI is plain[tplIndex]; plain[0] is at frame offset
 * `plainOffset`. Long frames teach `formats` their compact signature.
 */
export function decodeApplicationLayer(
  plain: Buffer,
  tplIndex: number,
  plainOffset: number,
  formats: FormatRegistry,
): ApplicationLayer {
  if (tplIndex >= plain.length) {
    throw new FrameFormatError(
      `Frame ends at offset ${plainOffset + plain.length}, where the application layer (TPL-CI) should start.`,
      { offset: plainOffset + plain.length },
    );
  }
  const tplCi = plain[tplIndex]!;
  if (tplCi === TPL_CI_COMPACT) {
    const compact = decodeCompactFrame(plain, tplIndex, plain.length, plainOffset, formats);
    return { tplCi, frameKind: 'compact', accessNumber: null, records: compact.records, compact };
  }
  let recordsAt = tplIndex + 1;
  let accessNumber: number | null = null;
  if (tplCi === TPL_CI_SHORT_HEADER || tplCi === TPL_CI_LONG_HEADER) {
    const length = tplCi === TPL_CI_SHORT_HEADER ? SHORT_HEADER_LENGTH : LONG_HEADER_LENGTH;
    accessNumber = readTplHeader(plain, tplIndex, plainOffset, length);
    recordsAt += length;
  } else if (tplCi !== TPL_CI_LONG) {
    throw new UnsupportedError(
      `CI ${hexByte(tplCi)} at offset ${plainOffset + tplIndex} is not supported (${describeTplCi(tplCi)}); ` +
        'expected 0x78 (full frame) or 0x79 (compact frame).',
      { offset: plainOffset + tplIndex },
    );
  }
  const records = parseRecords(plain, recordsAt, plain.length, plainOffset);
  if (tplCi === TPL_CI_LONG) formats.learnFromRecords(plain, records, plainOffset);
  return { tplCi, frameKind: 'long', accessNumber, records, compact: null };
}

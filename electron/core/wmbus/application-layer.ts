import { decodeCompactFrame, TPL_CI_COMPACT, type CompactFrame } from './compact';
import { FrameFormatError, UnsupportedError } from './errors';
import type { FormatRegistry } from './format-registry';
import { hexByte } from './hex';
import { parseRecords, type MBusRecord } from './records';
import {
  checkSecurityMode,
  readTplHeader,
  TPL_CI_LONG_HEADER,
  TPL_CI_SHORT_HEADER,
  type TplHeader,
} from './tpl-header';

export { TPL_CI_LONG_HEADER, TPL_CI_SHORT_HEADER } from './tpl-header';

/**
 * Transport/application layer by TPL-CI (EN 13757-7 Table 2): 0x78 records without a TPL header,
 * 0x79 compact frame, 0x7A short and 0x72 long TPL header followed by records. Security mode 5
 * blocks must already be decrypted (openPayload does it); other TPL security modes are rejected.
 */

export const TPL_CI_LONG = 0x78;

export type FrameKind = 'long' | 'compact';

export interface ApplicationLayer {
  tplCi: number;
  frameKind: FrameKind;
  /** Access number from a TPL header (0x7A/0x72), else null. */
  accessNumber: number | null;
  /** The TPL header (0x7A/0x72), else null. */
  tpl: TplHeader | null;
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
    return { tplCi, frameKind: 'compact', accessNumber: null, tpl: null, records: compact.records, compact };
  }
  let recordsAt = tplIndex + 1;
  let tpl: TplHeader | null = null;
  if (tplCi === TPL_CI_SHORT_HEADER || tplCi === TPL_CI_LONG_HEADER) {
    tpl = readTplHeader(plain, tplIndex, plainOffset);
    checkSecurityMode(tpl, tplIndex, plainOffset);
    recordsAt += tpl.length;
  } else if (tplCi !== TPL_CI_LONG) {
    throw new UnsupportedError(
      `CI ${hexByte(tplCi)} at offset ${plainOffset + tplIndex} is not supported (${describeTplCi(tplCi)}); ` +
        'expected 0x78 (full frame), 0x79 (compact frame) or 0x7A/0x72 (records after a TPL header).',
      { offset: plainOffset + tplIndex },
    );
  }
  const records = parseRecords(plain, recordsAt, plain.length, plainOffset);
  if (tplCi === TPL_CI_LONG) formats.learnFromRecords(plain, records, plainOffset);
  return { tplCi, frameKind: 'long', accessNumber: tpl?.accessNumber ?? null, tpl, records, compact: null };
}

import { AES_BLOCK } from './aes-ctr';
import { DecryptionCheckError } from './errors';
import type { ExplainFieldList } from './explain-fields';
import { hexByte } from './hex';
import type { LinkHeader } from './link-layer';
import { decryptTplPart, readTplSecurity, type KeyOptions } from './payload';
import {
  describeConfiguration,
  describeStatus,
  readTplHeader,
  TPL_CI_LONG_HEADER,
  type TplHeader,
} from './tpl-header';

/** Explanation of a TPL header (CI 0x7A/0x72) and of what security mode 5 encrypted behind it. */

/** The payload to explain records from, and the index in it where they start. */
export interface ExplainedTpl {
  plain: Buffer;
  recordsAt: number;
}

function explainHeaderFields(
  fields: ExplainFieldList,
  plain: Buffer,
  base: number,
  tplIndex: number,
  tpl: TplHeader,
): void {
  let at = base + tplIndex + 1;
  if (tpl.ci === TPL_CI_LONG_HEADER && tpl.meter !== null) {
    const m = tpl.meter;
    fields.add(plain, base, at, 4, 'TPL address', `meter number ${m.id} (BCD, least significant byte first)`);
    fields.add(plain, base, at + 4, 2, 'TPL manufacturer', `${m.manufacturer} (little-endian)`);
    fields.add(plain, base, at + 6, 1, 'TPL version', `${m.version} (${hexByte(m.version)})`);
    fields.add(plain, base, at + 7, 1, 'TPL device type', `${m.medium} (${hexByte(m.type)})`);
    at += 8;
  }
  fields.add(plain, base, at, 1, 'TPL ACC', `access number ${tpl.accessNumber}`);
  fields.add(plain, base, at + 1, 1, 'TPL status', describeStatus(tpl.status));
  fields.add(plain, base, at + 2, 2, 'TPL configuration', describeConfiguration(tpl));
}

/**
 * Adds the TPL header's fields, then for security mode 5 the encrypted blocks and the 2F 2F check.
 * Throws (after adding what it could) when the header is cut short, the mode is not supported, the key
 * is missing or the check fails; the caller turns that into the closing 'error' field.
 */
export function explainTpl(
  fields: ExplainFieldList,
  frame: Buffer,
  header: LinkHeader,
  plain: Buffer,
  base: number,
  tplIndex: number,
  options: KeyOptions,
): ExplainedTpl {
  explainHeaderFields(fields, plain, base, tplIndex, readTplHeader(plain, tplIndex, base));
  const security = readTplSecurity(plain, tplIndex, base);
  if (security === null || security.blocks === 0) {
    return { plain, recordsAt: security?.start ?? plain.length };
  }
  const { start, blocks } = security;
  const length = blocks * AES_BLOCK;
  fields.add(
    plain,
    base,
    base + start,
    length,
    'encrypted data',
    `AES-128-CBC (security mode 5), ${blocks} block${blocks === 1 ? '' : 's'} of 16 bytes, IV from the ` +
      `${security.tpl.ci === TPL_CI_LONG_HEADER ? 'TPL header' : 'link header'}'s M and A and the access ` +
      'number; shown decrypted below',
  );
  try {
    const opened = decryptTplPart(frame, header, plain, base, security, options);
    const check = fields.add(opened, base, base + start, 2, 'decryption check', '2F 2F fill bytes');
    check.check = { ok: true, detail: 'decrypted data starts with 2f 2f: the key is right' };
    return { plain: opened, recordsAt: start + 2 };
  } catch (error) {
    if (error instanceof DecryptionCheckError) {
      const check = fields.add(
        error.decrypted,
        base + start,
        base + start,
        2,
        'decryption check',
        'should be 2f 2f',
      );
      check.check = { ok: false, detail: error.message };
    }
    throw error;
  }
}

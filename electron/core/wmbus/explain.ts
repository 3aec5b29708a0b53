import {
  decodeApplicationLayer,
  describeTplCi,
  TPL_CI_LONG,
  TPL_CI_LONG_HEADER,
  TPL_CI_SHORT_HEADER,
} from './application-layer';
import { TPL_CI_COMPACT } from './compact';
import type { DecodeOptions } from './decode';
import { asDecodeError } from './errors';
import { CI_ELL_SESSION, CI_ELL_SHORT, describeCommunicationControl, type ExtendedLinkLayer } from './ell';
import { FormatRegistry } from './format-registry';
import { hexByte, hexWord } from './hex';
import { ExplainFieldList, type ExplainedField } from './explain-fields';
import { explainCompact, explainRecords } from './explain-records';
import { explainTpl } from './explain-tpl';
import { cFieldMeaning, parseLinkHeader, type LinkHeader } from './link-layer';
import { checkPayloadCrc, decryptPayload, PAYLOAD_CRC_LENGTH, readLinkPayload } from './payload';

/**
 * A protocol-analyser view of one frame: every field with its bytes and meaning, checks marked.
 * Offsets are counted from the C field (0), like everywhere in this module; a caller showing the
 * frame with an L field or inside an HCI frame adds its own base with {@link withBaseOffset}.
 * Encrypted bytes are shown decrypted (CTR and CBC keep positions, so offsets stay those on air).
 */

export { withBaseOffset, type ExplainedField } from './explain-fields';

const BUILT_IN_FORMATS = new FormatRegistry({ learning: false });

function describeLinkCi(ci: number): string {
  if (ci === CI_ELL_SESSION) return 'extended link layer II (CC, ACC, SN follow)';
  if (ci === CI_ELL_SHORT) return 'extended link layer I (CC, ACC follow)';
  return describeTplCi(ci);
}

function explainHeader(fields: ExplainFieldList, frame: Buffer, header: LinkHeader | undefined): void {
  const specs: [number, number, string, (h: LinkHeader) => string][] = [
    [0, 1, 'C field', (h) => cFieldMeaning(h.c)],
    [1, 2, 'manufacturer (M)', (h) => `${h.manufacturer} (${hexWord(h.manufacturerCode)}, little-endian)`],
    [3, 4, 'address (A)', (h) => `meter number ${h.id} (BCD, least significant byte first)`],
    [7, 1, 'version', (h) => `${h.version} (${hexByte(h.version)})`],
    [8, 1, 'device type', (h) => `${h.medium} (${hexByte(h.type)})`],
    [9, 1, 'CI', (h) => describeLinkCi(h.ci)],
  ];
  for (const [offset, length, name, meaning] of specs) {
    if (offset + length > frame.length) break;
    fields.add(frame, 0, offset, length, name, header === undefined ? 'incomplete header' : meaning(header));
  }
}

function explainEll(fields: ExplainFieldList, frame: Buffer, ell: ExtendedLinkLayer): void {
  fields.add(frame, 0, 10, 1, 'ELL CC', `communication control: ${describeCommunicationControl(ell.cc)}`);
  fields.add(frame, 0, 11, 1, 'ELL ACC', `access number ${ell.accessNumber}`);
  if (ell.sessionField === null) return;
  const mode = ell.encryption === 'aes-ctr' ? 'AES-128-CTR (mode 1)' : 'none (mode 0)';
  fields.add(
    frame,
    0,
    12,
    4,
    'ELL SN',
    `0x${ell.sessionField.toString(16).padStart(8, '0')}: encryption ${mode}, minute counter ` +
      `${ell.minuteCounter}, session ${ell.sessionNumber}`,
  );
}

/**
 * Explains a frame from the C field as far as it can be decoded; on a decode error the last field
 * is named 'error' and carries the DecodeError's message and code. Never throws. Learns nothing.
 */
export function explainTelegram(frameFromC: Buffer, options: DecodeOptions): ExplainedField[] {
  const fields = new ExplainFieldList();
  let header: LinkHeader | undefined;
  try {
    header = parseLinkHeader(frameFromC);
    explainHeader(fields, frameFromC, header);
    const link = readLinkPayload(frameFromC, header);
    if (link.ell !== null) explainEll(fields, frameFromC, link.ell);
    const base = link.plainOffset;
    if (link.ell?.encryption === 'aes-ctr') {
      const length = frameFromC.length - base;
      fields.add(
        frameFromC,
        0,
        base,
        length,
        'encrypted payload',
        `AES-128-CTR, ${length} bytes; shown decrypted below`,
      );
    }
    const plain = decryptPayload(frameFromC, header, link, options);
    if (link.hasPayloadCrc && plain.length >= PAYLOAD_CRC_LENGTH) {
      const crcField = fields.add(
        plain,
        base,
        base,
        PAYLOAD_CRC_LENGTH,
        'payload CRC',
        // Said as a byte count: offsets in this text would not follow withBaseOffset.
        `CRC-16/EN-13757 (little-endian) over the ${frameFromC.length - base - 2} bytes after it`,
      );
      try {
        const crc = checkPayloadCrc(plain, link, header.id);
        if (crc !== null) {
          crcField.check = {
            ok: true,
            detail: `carried ${hexWord(crc.expected)} = computed ${hexWord(crc.actual)}`,
          };
        }
      } catch (error) {
        crcField.check = { ok: false, detail: asDecodeError(error, undefined).message };
        throw error;
      }
    }
    const tplIndex = link.hasPayloadCrc ? PAYLOAD_CRC_LENGTH : 0;
    if (link.ell !== null && tplIndex < plain.length) {
      fields.add(plain, base, base + tplIndex, 1, 'TPL-CI', describeTplCi(plain[tplIndex]!));
    }
    const tplCi = plain[tplIndex];
    if (tplCi === TPL_CI_COMPACT) {
      explainCompact(fields, plain, base, tplIndex, options.formats ?? BUILT_IN_FORMATS);
    } else if (tplCi === TPL_CI_SHORT_HEADER || tplCi === TPL_CI_LONG_HEADER) {
      const tpl = explainTpl(fields, frameFromC, header, plain, base, tplIndex, options);
      explainRecords(fields, tpl.plain, base, tpl.recordsAt);
    } else if (tplCi === TPL_CI_LONG) {
      explainRecords(fields, plain, base, tplIndex + 1);
    } else {
      // Let the decoder word the error (missing or unsupported TPL-CI).
      decodeApplicationLayer(plain, tplIndex, base, BUILT_IN_FORMATS);
    }
  } catch (error) {
    if (header === undefined) explainHeader(fields, frameFromC, undefined);
    fields.error(asDecodeError(error, header), frameFromC.length);
  }
  return fields.items;
}

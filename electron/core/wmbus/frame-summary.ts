import { TPL_CI_LONG, type FrameKind } from './application-layer';
import { TPL_CI_COMPACT } from './compact';
import { FrameFormatError, UnsupportedError } from './errors';
import { meterIdentityOf, parseLinkHeader, type MeterIdentity } from './link-layer';
import { PAYLOAD_CRC_LENGTH, readLinkPayload } from './payload';
import { readTplHeader, SECURITY_MODE_AES_CBC, SECURITY_MODE_NONE, tplHeaderLength } from './tpl-header';

/**
 * How a telegram is protected, as far as its unencrypted header says: ELL AES-128-CTR, TPL security
 * mode 5 (AES-128-CBC), none, or another mode ('other': announced, but not one we can open).
 */
export type HeaderEncryption = 'none' | 'aes-ctr' | 'aes-cbc' | 'other';

/** What can be read of a telegram without its key (docs/ARCHITECTURE.md § wM-Bus). */
export interface FrameSummary {
  meter: MeterIdentity;
  /** Null when the frame ends before the header says (a truncated ELL or TPL header). */
  encryption: HeaderEncryption | null;
  /**
   * Long or compact when the TPL-CI is in clear (0x78/0x7A/0x72 long, 0x79 compact); null when the
   * ELL encrypts it or the CI is none of these.
   */
  frameKind: FrameKind | null;
}

/**
 * Reads the link header, the ELL and the TPL-CI and header of a frame given from the C field,
 * decrypting nothing. Throws FrameFormatError only when the link header itself is not there (no
 * meter to speak of); anything later that cannot be read leaves its field null.
 */
export function summarizeFrame(frameFromC: Buffer): FrameSummary {
  const header = parseLinkHeader(frameFromC);
  const meter = meterIdentityOf(header);
  let link: ReturnType<typeof readLinkPayload>;
  try {
    link = readLinkPayload(frameFromC, header);
  } catch (error) {
    // parseEll refuses SN encryption modes other than 0 and 1: encrypted, in a mode we cannot open.
    if (error instanceof UnsupportedError) return { meter, encryption: 'other', frameKind: null };
    if (error instanceof FrameFormatError) return { meter, encryption: null, frameKind: null };
    throw error;
  }
  if (link.ell?.encryption === 'aes-ctr') return { meter, encryption: 'aes-ctr', frameKind: null };
  const plain = frameFromC.subarray(link.plainOffset);
  const tplIndex = link.hasPayloadCrc ? PAYLOAD_CRC_LENGTH : 0;
  const tplCi = plain[tplIndex];
  if (tplCi === undefined) return { meter, encryption: null, frameKind: null };
  if (tplCi === TPL_CI_COMPACT) return { meter, encryption: 'none', frameKind: 'compact' };
  if (tplCi === TPL_CI_LONG) return { meter, encryption: 'none', frameKind: 'long' };
  if (tplHeaderLength(tplCi) === undefined) return { meter, encryption: null, frameKind: null };
  try {
    const tpl = readTplHeader(plain, tplIndex, link.plainOffset);
    return { meter, encryption: tplEncryption(tpl.securityMode, tpl.encryptedBlocks), frameKind: 'long' };
  } catch (error) {
    if (error instanceof FrameFormatError) return { meter, encryption: null, frameKind: 'long' };
    throw error;
  }
}

/** EN 13757-7 CW security mode: 0 none, 5 AES-CBC when it encrypts any block, others not ours. */
function tplEncryption(mode: number, blocks: number): HeaderEncryption {
  if (mode === SECURITY_MODE_NONE) return 'none';
  if (mode === SECURITY_MODE_AES_CBC) return blocks > 0 ? 'aes-cbc' : 'none';
  return 'other';
}

import type { CaptureSourceFormat } from '../../../shared/capture';
import { decodeHciFrame, HCI_SOF, HciEndpoint, RadioLinkMessage } from '../stick';
import { GatewayId, Iu891aEndpoint, Iu891aFramer } from '../stick/iu891a';
import { CaptureError } from './errors';
import { CAPTURE_FORMAT } from './format';

/** How a replay reads a file: a capture, a wmbusmeters simulation, or raw stick bytes (binary or hex text). */
export type SourceFormat = CaptureSourceFormat;

/** Whether an HCI dump is the bytes themselves or the bytes written as hex text. */
export type HciEncoding = 'binary' | 'hex-text';

export interface Sniffed {
  format: SourceFormat;
  hciEncoding: HciEncoding;
  /** Whose bytes a binary stick dump holds, when its content showed it (hex text decides line by line). */
  stick?: 'im871a' | 'iu891a';
}

const HEX_TEXT = /^[\s0-9a-fA-F:_]*$/;
const HAS_TELEGRAM_LINE = /^telegram=/m;

/**
 * Tells the formats apart by content (the first 64 KiB, decompressed): a gdcap header line, a
 * line starting `telegram=`, hex text, or bytes holding an iM871A frame header. Anything else is
 * refused with what it looks like.
 */
export function sniffFormat(head: Buffer, file: string): Sniffed {
  if (head.length === 0) throw new CaptureError('NOT_A_CAPTURE', `${file} is empty`);
  const text = looksLikeText(head) ? head.toString('utf8') : null;
  if (text !== null) {
    const first = text.trimStart().split('\n', 1)[0]!.trim();
    if (first.startsWith('{')) {
      if (headerFormat(first) === CAPTURE_FORMAT) return { format: 'gdcap', hciEncoding: 'binary' };
      throw new CaptureError(
        'NOT_A_CAPTURE',
        `${file} is JSON but not a Gateway Diagnostics capture: its first line has no "format":"${CAPTURE_FORMAT}"`,
      );
    }
    if (HAS_TELEGRAM_LINE.test(text)) return { format: 'wmbusmeters', hciEncoding: 'binary' };
    if (HEX_TEXT.test(text)) return { format: 'hci', hciEncoding: 'hex-text' };
    throw new CaptureError(
      'NOT_A_CAPTURE',
      `${file} is text but neither a capture (no gdcap header), a wmbusmeters simulation (no telegram= lines) nor hex; it starts ${JSON.stringify(first.slice(0, 40))}`,
    );
  }
  if (hasHciHeader(head)) return { format: 'hci', hciEncoding: 'binary', stick: 'im871a' };
  if (hasIu891aIndication(head)) return { format: 'hci', hciEncoding: 'binary', stick: 'iu891a' };
  throw new CaptureError(
    'NOT_A_CAPTURE',
    `${file} is binary without an iM871A or iU891A frame in its first ${head.length} bytes${describeMagic(head)}`,
  );
}

/** Forced with --format: gdcap and wmbusmeters are text; an HCI dump may be either. */
export function forcedFormat(format: SourceFormat, head: Buffer): Sniffed {
  const hexText = format === 'hci' && looksLikeText(head) && HEX_TEXT.test(head.toString('utf8'));
  return { format, hciEncoding: hexText ? 'hex-text' : 'binary' };
}

function looksLikeText(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  }
  // Multi-byte UTF-8 is text too; an invalid sequence decodes to U+FFFD. `stream` keeps a
  // character cut at the end of the peeked bytes from counting as invalid.
  return !new TextDecoder('utf-8').decode(bytes, { stream: true }).includes('\uFFFD');
}

/**
 * Whether the bytes hold a real stick frame: one whose CRC checks, or, without a CRC, a telegram
 * indication carrying an SND-NR frame. Random bytes hold 0xA5 and a plausible control byte often.
 */
function hasHciHeader(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(HCI_SOF); at !== -1; at = bytes.indexOf(HCI_SOF, at + 1)) {
    try {
      const frame = decodeHciFrame(bytes, { offset: at, allowBadCrc: true });
      if (frame.crc ? frame.crc.ok : isTelegramIndication(frame.endpoint, frame.messageId, frame.payload))
        return true;
    } catch {
      // not a frame here; look further
    }
  }
  return false;
}

/** Whether the bytes hold an iU891A receive indication whose CRC checks (its SLIP framing removed). */
function hasIu891aIndication(bytes: Buffer): boolean {
  return new Iu891aFramer()
    .push(bytes)
    .some(
      ({ message }) =>
        message.endpoint === Iu891aEndpoint.wmbusGateway && message.messageId === GatewayId.receiveIndication,
    );
}

const SND_NR = 0x44;
const isTelegramIndication = (endpoint: number, messageId: number, payload: Buffer) =>
  endpoint === HciEndpoint.radioLink &&
  messageId === RadioLinkMessage.telegramIndication &&
  payload[0] === SND_NR;

function headerFormat(line: string): unknown {
  try {
    return (JSON.parse(line) as { format?: unknown }).format;
  } catch {
    return undefined;
  }
}

function describeMagic(bytes: Buffer): string {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return ' (it is a zip archive: unpack it first)';
  return '';
}

import { crc16X25 } from '../stick';
import {
  decodeIu891aMessage,
  GatewayId,
  Iu891aEndpoint,
  Iu891aFrameError,
  parseReceiveIndication,
  RECEIVE_HEADER_LENGTH,
  SLIP_END,
  SlipDecoder,
  type SlipFrame,
} from '../stick/iu891a';
import { inputProblem as problem, type InputItem, type InputProblem } from './input-item';

/** What an iU891A line held: its items, and whether any frame's CRC proved the bytes are SLIP frames. */
export interface Iu891aSplit {
  items: InputItem[];
  proven: boolean;
}

/**
 * iU891A serial bytes (one read, or a pasted run of frames; docs/ARCHITECTURE.md § Command line)
 * → one item per receive indication, with the frame from C, the RSSI in dBm and the stick's time.
 * Bytes before the first END are the end of a frame the read came in after: skipped. A damaged
 * frame (bad CRC, bad escape, too short) is one problem naming its byte offset on the wire, and
 * the frames after it are read as usual. The stick's other messages (responses to the host,
 * status and startup indications) are no telegrams but no damage either: they are passed over,
 * and said in words only when the line holds nothing else, so it never goes silent.
 */
export function splitIu891aStream(bytes: Buffer): Iu891aSplit {
  const items: InputItem[] = [];
  const others: Array<{ at: number; words: string }> = [];
  let proven = false;
  const start = bytes.indexOf(SLIP_END);
  for (const event of new SlipDecoder().push(bytes)) {
    if (event.kind === 'error') {
      if (event.error.offset >= start)
        items.push(problem('PARSE', event.error.offset, iu891aWords(event.error)));
      continue;
    }
    const { frame } = event;
    if (frame.offset < start) continue;
    try {
      const message = decodeIu891aMessage(frame.bytes);
      proven = true;
      if (
        message.endpoint === Iu891aEndpoint.wmbusGateway &&
        message.messageId === GatewayId.receiveIndication
      )
        items.push(telegramItem(frame, message.payload, message.crc));
      else others.push({ at: frame.offset, words: `${message.name} at byte ${frame.offset}` });
    } catch (error) {
      if (!(error instanceof Iu891aFrameError)) throw error;
      if (error.reason === 'unknown-endpoint' || error.reason === 'unknown-message')
        others.push({ at: frame.offset, words: `${error.message} (frame at byte ${frame.offset})` });
      else items.push(damaged(frame, error));
    }
  }
  const lastEnd = bytes.lastIndexOf(SLIP_END);
  if (lastEnd >= 0 && lastEnd < bytes.length - 1) {
    const at = lastEnd + 1;
    items.push(
      problem(
        'PARSE',
        at,
        `the iU891A frame at byte ${at} has no closing SLIP END (C0): it was cut short, or split ` +
          `over two reads (put each whole frame on one line)`,
      ),
    );
  }
  if (items.length === 0 && others.length > 0) {
    const words = others.map((other) => other.words).join('; ');
    items.push(problem('PARSE', others[0]!.at, `no received telegram in these iU891A frames: ${words}`));
  }
  return { items, proven };
}

function telegramItem(frame: SlipFrame, payload: Buffer, crc: number): InputItem {
  try {
    const indication = parseReceiveIndication(payload);
    return {
      kind: 'frame',
      framing: 'iu891a',
      offset: frame.offset,
      frame: indication.frame,
      // The iU891A reports dBm itself: there is no raw byte to convert, as the iM871A's.
      rssi: null,
      rssiDbm: indication.rssiDbm,
      timestamp: indication.timestamp,
      // Only frames whose CRC matched get here: the CRC is enforced, as for iM871A frames.
      stickCrc: { expected: crc, actual: crc, ok: true, enforced: true },
    };
  } catch (error) {
    if (!(error instanceof Iu891aFrameError)) throw error;
    return problem('PARSE', frame.offset, `the iU891A frame at byte ${frame.offset}: ${error.message}`);
  }
}

/** A frame SLIP delivered whole that is no message: its CRC fails, or it is too short for one. */
function damaged(frame: SlipFrame, error: Iu891aFrameError): InputProblem {
  const { bytes, offset } = frame;
  if (error.reason !== 'crc')
    return problem('PARSE', offset, `the iU891A frame at byte ${offset}: ${error.message}`);
  const crcAt = bytes.length - 2;
  const computed = crc16X25(bytes, 0, crcAt);
  const carried = bytes.readUInt16LE(crcAt);
  const telegramAt = 2 + RECEIVE_HEADER_LENGTH + 1;
  const indication =
    bytes[0] === Iu891aEndpoint.wmbusGateway &&
    bytes[1] === GatewayId.receiveIndication &&
    crcAt > telegramAt;
  return {
    kind: 'problem',
    code: 'HCI_CRC',
    offset,
    message:
      `the iU891A frame at byte ${offset} fails its CRC (computed 0x${hex4(computed)}, carried ` +
      `0x${hex4(carried)}): the bytes were damaged on the serial line`,
    // The damaged telegram can still name its meter, as an iM871A frame's does.
    frame: indication ? bytes.subarray(telegramAt, crcAt) : null,
  };
}

/** A SLIP error (bad escape, overlong frame): its message names the byte offset in the line. */
function iu891aWords(error: Iu891aFrameError): string {
  return `iU891A bytes: ${error.message.replace('stream offset', 'byte')}`;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

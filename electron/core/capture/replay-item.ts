import {
  encodeHciFrame,
  HciEndpoint,
  HciFramer,
  RadioLinkMessage,
  type HciFrame,
  type HciFramerError,
} from '../stick';

/**
 * One telegram of a replay, whatever file it came from, in the form `cli decode` reads: `hex` is
 * an iM871A frame (from a capture's serial bytes or an HCI dump), an iU891A SLIP frame (from a
 * capture of one) or a wM-Bus frame from the L field (a wmbusmeters simulation line), so the replay
 * decodes exactly as decode does.
 */
export interface ReplayTelegram {
  kind: 'telegram';
  /** The line of the file it came from; for a binary HCI dump, the frame's number in the dump. */
  line: number;
  /** When it was received, in ms since the recording started; null when the file does not say. */
  t: number | null;
  hex: string;
  /** The wM-Bus frame from L (no data-link CRCs added), for the wmbusmeters export; null if unusable. */
  wmbus: string | null;
}

/** A line that could not be read: a line cut short, garbage, a version this program cannot read. */
export interface ReplayProblem {
  kind: 'problem';
  line: number;
  message: string;
}

export type ReplayItem = ReplayTelegram | ReplayProblem;

/**
 * Serial bytes → telegram items, through the same HciFramer the stick driver uses: frames split
 * over reads are joined, noise is skipped, and a frame whose CRC fails is passed on as it was read
 * (decode reports it as HCI_CRC and still names the meter). Other stick messages (answers to the
 * driver's requests) are not telegrams and are left out.
 */
export class HciTelegrams {
  private readonly failed: HciFramerError[] = [];
  private readonly framer = new HciFramer({
    onError: (error) => {
      if (error.reason === 'crc') this.failed.push(error);
    },
  });

  push(bytes: Buffer, line: number, t: number | null): ReplayTelegram[] {
    const items: ReplayTelegram[] = [];
    for (const frame of this.framer.push(bytes)) {
      if (frame.endpoint === HciEndpoint.radioLink && frame.messageId === RadioLinkMessage.telegramIndication)
        items.push(telegramItem(reencode(frame), frame.payload, line, t));
    }
    for (const error of this.failed.splice(0)) {
      if (error.bytes)
        items.push({ kind: 'telegram', line, t, hex: error.bytes.toString('hex'), wmbus: null });
    }
    return items;
  }

  /** Bytes left waiting for the rest of a frame when the input ended. */
  get leftover(): number {
    return this.framer.bufferedBytes;
  }
}

/** A telegram as the stick delivers it (frame from C, RSSI), written as the HCI frame it came in. */
export function stickTelegramItem(
  frameFromC: Buffer,
  rssi: number | null,
  stickTime: number | null,
  line: number,
  t: number | null,
): ReplayTelegram {
  const hci = encodeHciFrame({
    endpoint: HciEndpoint.radioLink,
    messageId: RadioLinkMessage.telegramIndication,
    payload: frameFromC,
    ...(stickTime === null ? {} : { timestamp: stickTime }),
    ...(rssi === null ? {} : { rssi }),
  });
  return telegramItem(hci, frameFromC, line, t);
}

/** A telegram item from the stick's own frame (`wire`: iM871A HCI or iU891A SLIP) and its frame from C. */
export function telegramItem(
  wire: Buffer,
  frameFromC: Buffer,
  line: number,
  t: number | null,
): ReplayTelegram {
  // L is the length from C on (the iM871A's LEN stands in for it: docs/ARCHITECTURE.md § iM871A).
  const wmbus = Buffer.concat([Buffer.of(frameFromC.length), frameFromC]).toString('hex');
  return { kind: 'telegram', line, t, hex: wire.toString('hex'), wmbus };
}

/** A checked frame written back as bytes: the same fields give the same bytes and CRC. */
function reencode(frame: HciFrame): Buffer {
  return encodeHciFrame({
    endpoint: frame.endpoint,
    messageId: frame.messageId,
    payload: frame.payload,
    crc: frame.crc !== undefined,
    ...(frame.timestamp === undefined ? {} : { timestamp: frame.timestamp }),
    ...(frame.rssi === undefined ? {} : { rssi: frame.rssi }),
  });
}

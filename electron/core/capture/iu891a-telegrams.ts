import {
  encodeIu891aFrame,
  GatewayId,
  Iu891aEndpoint,
  Iu891aFramer,
  parseReceiveIndication,
  type Iu891aFrameError,
} from '../stick/iu891a';
import { telegramItem, type ReplayItem } from './replay-item';

/**
 * An iU891A's serial bytes → telegram items, through the framer its driver uses: SLIP frames split
 * over reads are joined and noise is skipped. Each receive indication becomes the item `cli decode`
 * reads: the indication as the stick sent it (a SLIP frame), so its dBm and timestamp come along.
 * A frame whose CRC fails is reported, with its stream offset.
 */
export class Iu891aTelegrams {
  private readonly failed: Iu891aFrameError[] = [];
  private readonly framer = new Iu891aFramer({
    onError: (error) => {
      if (error.reason === 'crc') this.failed.push(error);
    },
  });

  push(bytes: Buffer, line: number, t: number | null): ReplayItem[] {
    const items: ReplayItem[] = [];
    for (const { message } of this.framer.push(bytes)) {
      if (
        message.endpoint !== Iu891aEndpoint.wmbusGateway ||
        message.messageId !== GatewayId.receiveIndication
      )
        continue;
      try {
        const indication = parseReceiveIndication(message.payload);
        // The same fields give the same bytes and CRC as were read.
        const slip = encodeIu891aFrame({
          endpoint: message.endpoint,
          messageId: message.messageId,
          payload: message.payload,
        });
        items.push(telegramItem(slip, indication.frame, line, t));
      } catch (error) {
        items.push({ kind: 'problem', line, message: `line ${line}: ${(error as Error).message}` });
      }
    }
    for (const error of this.failed.splice(0)) {
      items.push({ kind: 'problem', line, message: `line ${line}: iU891A ${error.message}` });
    }
    return items;
  }
}

import type { IPublishPacket } from 'mqtt';
import type { IncomingMessage } from '../../../shared/mqtt/types';
import { DEFAULT_PREVIEW_BYTES, previewPayload } from './payload-preview';
import { jsonSafeProperties } from './properties';

/** A message as received, with the whole payload (the gateway needs all of a command). */
export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  retain: boolean;
  dup: boolean;
  /** MQTT 5 properties as plain JSON; null under 3.1.1 or when there are none. */
  properties: Record<string, unknown> | null;
  receivedAt: string;
}

export function receivedMessage(packet: IPublishPacket, now: Date): ReceivedMessage {
  const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
  return {
    topic: packet.topic,
    payload,
    qos: packet.qos,
    retain: packet.retain,
    dup: packet.dup,
    properties: jsonSafeProperties(packet.properties),
    receivedAt: now.toISOString(),
  };
}

/** What the UI shows: the payload as a preview that says when it is cut. */
export function toIncomingMessage(
  message: ReceivedMessage,
  previewBytes = DEFAULT_PREVIEW_BYTES,
): IncomingMessage {
  return {
    topic: message.topic,
    qos: message.qos,
    retain: message.retain,
    dup: message.dup,
    payload: previewPayload(message.payload, previewBytes),
    properties: message.properties,
    receivedAt: message.receivedAt,
  };
}

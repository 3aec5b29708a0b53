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

/** An API v2 meter key field (`encryptionKey`, `EncryptionKey`, `encryption_key`) and its value. */
const METER_KEY_FIELD = /("encryption_?key"\s*:\s*")([^"\\]*)"/gi;

/**
 * Masks meter keys in a payload to their last four characters, keeping its length, so a
 * `sensors/set` command can be shown without its secrets (the gateway reads the whole payload).
 */
export function maskMeterKeys(payload: Buffer): Buffer {
  if (!payload.includes('ncryption')) return payload;
  const text = payload.toString('utf8');
  const masked = text.replace(
    METER_KEY_FIELD,
    (_field, name: string, value: string) =>
      `${name}${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}"`,
  );
  return masked === text ? payload : Buffer.from(masked, 'utf8');
}

/** What the UI shows: the payload as a preview that says when it is cut, meter keys masked. */
export function toIncomingMessage(
  message: ReceivedMessage,
  previewBytes = DEFAULT_PREVIEW_BYTES,
): IncomingMessage {
  return {
    topic: message.topic,
    qos: message.qos,
    retain: message.retain,
    dup: message.dup,
    payload: previewPayload(maskMeterKeys(message.payload), previewBytes),
    properties: message.properties,
    receivedAt: message.receivedAt,
  };
}

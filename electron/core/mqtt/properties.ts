import type { IClientPublishOptions } from 'mqtt';
import type { StoredPublishProperties } from './outbox-journal';
import { toHex } from './payload-preview';

/**
 * MQTT 5 properties as plain JSON: Buffers (correlation data, authentication data) become hex,
 * so they can cross IPC. null when there are none.
 */
export function jsonSafeProperties(properties: object | undefined | null): Record<string, unknown> | null {
  if (!properties) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    out[key] = Buffer.isBuffer(value) ? toHex(value) : value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Outbox form → MQTT.js form (correlation data back to bytes). */
export function toPublishProperties(
  stored: StoredPublishProperties,
): NonNullable<IClientPublishOptions['properties']> {
  const { correlationData, ...rest } = stored;
  return { ...rest, ...(correlationData ? { correlationData: Buffer.from(correlationData, 'hex') } : {}) };
}

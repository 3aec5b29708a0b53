import type { MeterValues, OmniPowerQuantity } from '../wmbus';

/**
 * ReMoni API v2 as the original gateway implemented it (DESIGN §7): topics, the config message
 * sent on each command, and the data messages sent for each decoded telegram.
 */

export type DataFormat = 'per-channel' | 'array';
export type ChannelDataType = 'accumulated-power' | 'power';

export interface Channel {
  number: 1 | 2 | 3 | 4;
  quantity: OmniPowerQuantity;
  dataType: ChannelDataType;
  name: string;
}

export const CHANNELS: readonly Channel[] = [
  { number: 1, quantity: 'A+', dataType: 'accumulated-power', name: 'A+ / Active positive energy' },
  { number: 2, quantity: 'A-', dataType: 'accumulated-power', name: 'A- / Active negative energy' },
  { number: 3, quantity: 'P+', dataType: 'power', name: 'P+ / Active positive power' },
  { number: 4, quantity: 'P-', dataType: 'power', name: 'P- / Active negative power' },
];

export interface ConfigMessage {
  Channels: Array<{ ChannelNumber: number; DataType: ChannelDataType; ChannelName: string }>;
}

export interface DataMessage {
  channelNumber: number;
  aggregateType: 'Raw';
  dataType: ChannelDataType;
  value: number;
  timestamp: string;
}

export interface OutgoingMessage {
  topic: string;
  payload: ConfigMessage | DataMessage | DataMessage[];
}

export const commandTopic = (gatewayId: string): string => `v2/${gatewayId}/sensors/set`;

/** `<manufacturerKey>-<deviceId>`, e.g. `kam-32666857`: how ReCalc names a sensor. */
const sensorTopic = (gatewayId: string, manufacturerKey: string, deviceId: string, leaf: 'config' | 'data') =>
  `v2/${gatewayId}/${manufacturerKey}-${deviceId}/${leaf}`;

export const configTopic = (gatewayId: string, manufacturerKey: string, deviceId: string): string =>
  sensorTopic(gatewayId, manufacturerKey, deviceId, 'config');

export const dataTopic = (gatewayId: string, manufacturerKey: string, deviceId: string): string =>
  sensorTopic(gatewayId, manufacturerKey, deviceId, 'data');

/** All sensors' data (or config) topics of a gateway: what the broker echo check subscribes to. */
export const sensorTopicFilter = (gatewayId: string, leaf: 'config' | 'data'): string =>
  `v2/${gatewayId}/+/${leaf}`;

export function configMessage(): ConfigMessage {
  return {
    Channels: CHANNELS.map((c) => ({ ChannelNumber: c.number, DataType: c.dataType, ChannelName: c.name })),
  };
}

/** UTC, whole seconds, with `Z`: `2020-11-18T10:08:00Z`. */
export function apiTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A± in kWh as the meter reports them; P± converted from kW to W (the original demo divided). */
function channelValue(channel: Channel, values: MeterValues): number | null {
  const measurement = values[channel.quantity];
  if (!measurement) return null;
  const { value, unit } = measurement;
  if (channel.dataType === 'power') return unit === 'kW' ? round(value * 1000) : round(value);
  return unit === 'Wh' ? round(value / 1000) : round(value);
}

/** Removes binary floating-point noise (0.007 * 1000 = 7.000000000000001) without losing resolution. */
const round = (value: number): number => Math.round(value * 1e6) / 1e6;

export function dataMessages(values: MeterValues, receivedAt: Date): DataMessage[] {
  const timestamp = apiTimestamp(receivedAt);
  const messages: DataMessage[] = [];
  for (const channel of CHANNELS) {
    const value = channelValue(channel, values);
    if (value === null) continue;
    messages.push({
      channelNumber: channel.number,
      aggregateType: 'Raw',
      dataType: channel.dataType,
      value,
      timestamp,
    });
  }
  return messages;
}

export interface SensorRef {
  gatewayId: string;
  manufacturerKey: string;
  deviceId: string;
}

/** The data messages of one telegram: one per channel (the original's behaviour), or one array. */
export function dataPublications(
  sensor: SensorRef,
  values: MeterValues,
  receivedAt: Date,
  format: DataFormat,
): OutgoingMessage[] {
  const topic = dataTopic(sensor.gatewayId, sensor.manufacturerKey, sensor.deviceId);
  const messages = dataMessages(values, receivedAt);
  if (messages.length === 0) return [];
  return format === 'array'
    ? [{ topic, payload: messages }]
    : messages.map((payload) => ({ topic, payload }));
}

export function configPublication(sensor: SensorRef): OutgoingMessage {
  return {
    topic: configTopic(sensor.gatewayId, sensor.manufacturerKey, sensor.deviceId),
    payload: configMessage(),
  };
}

/** ReCalc's manufacturer key is the lower-case FLAG code (`KAM` → `kam`). */
export const manufacturerKeyOf = (manufacturer: string): string => manufacturer.toLowerCase();

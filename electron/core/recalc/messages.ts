import { OMNIPOWER, type ApiChannel, type MeterValues } from '../wmbus';

/**
 * ReMoni API v2 as the original gateway implemented it (docs/ARCHITECTURE.md, "ReMoni API v2"): topics, the config
 * message sent on each command, and the data messages sent for each decoded telegram. The channels
 * come from the meter's driver; a driver that declares none is never published.
 */

export type DataFormat = 'per-channel' | 'array';
export type ChannelDataType = ApiChannel['dataType'];
export type Channel = ApiChannel;

/**
 * The channels of the one meter type API v2 defines (electricity, the OmniPower's four). A
 * `sensors/set` command names no meter type, so its config messages announce these.
 */
export const CHANNELS: readonly Channel[] = OMNIPOWER.channels;

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

export function configMessage(channels: readonly Channel[] = CHANNELS): ConfigMessage {
  return {
    Channels: channels.map((c) => ({ ChannelNumber: c.number, DataType: c.dataType, ChannelName: c.name })),
  };
}

/** UTC, whole seconds, with `Z`: `2020-11-18T10:08:00Z`. */
export function apiTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Into the channel's unit: energy in kWh, power in W (kW × 1000: the original demo divided). */
const TO_CHANNEL_UNIT: Readonly<Record<Channel['unit'], Readonly<Record<string, (v: number) => number>>>> = {
  kWh: { Wh: (v) => v / 1000 },
  W: { kW: (v) => v * 1000 },
};

function channelValue(channel: Channel, values: MeterValues): number | null {
  const measurement = values[channel.field];
  if (!measurement || typeof measurement.value !== 'number') return null;
  const convert = TO_CHANNEL_UNIT[channel.unit][measurement.unit];
  return round(convert ? convert(measurement.value) : measurement.value);
}

/** Removes binary floating-point noise (0.007 * 1000 = 7.000000000000001) without losing resolution. */
const round = (value: number): number => Math.round(value * 1e6) / 1e6;

export function dataMessages(
  values: MeterValues,
  receivedAt: Date,
  channels: readonly Channel[] = CHANNELS,
): DataMessage[] {
  const timestamp = apiTimestamp(receivedAt);
  const messages: DataMessage[] = [];
  for (const channel of channels) {
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

/**
 * The data messages of one telegram: one per channel (the original's behaviour), or one array.
 * `channels` are the meter driver's; none (a water meter) means nothing to publish.
 */
export function dataPublications(
  sensor: SensorRef,
  values: MeterValues,
  receivedAt: Date,
  format: DataFormat,
  channels: readonly Channel[] = CHANNELS,
): OutgoingMessage[] {
  const topic = dataTopic(sensor.gatewayId, sensor.manufacturerKey, sensor.deviceId);
  const messages = dataMessages(values, receivedAt, channels);
  if (messages.length === 0) return [];
  return format === 'array'
    ? [{ topic, payload: messages }]
    : messages.map((payload) => ({ topic, payload }));
}

export function configPublication(
  sensor: SensorRef,
  channels: readonly Channel[] = CHANNELS,
): OutgoingMessage {
  return {
    topic: configTopic(sensor.gatewayId, sensor.manufacturerKey, sensor.deviceId),
    payload: configMessage(channels),
  };
}

/** ReCalc's manufacturer key is the lower-case FLAG code (`KAM` → `kam`). */
export const manufacturerKeyOf = (manufacturer: string): string => manufacturer.toLowerCase();

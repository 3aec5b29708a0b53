import type { GatewayStatus } from '../../../shared/gateway';

export interface Template {
  topic: string;
  payload: string;
  /** Shown next to the composer after the template fills it. */
  note: string;
}

export const KEY_PLACEHOLDER = '<32 hex digits>';

type StatusForTemplates = Pick<GatewayStatus, 'gatewayId' | 'monitored' | 'meters'>;

const gatewayOf = (status: StatusForTemplates | null) => status?.gatewayId ?? '<gateway id>';

/** The first monitored meter (or any seen meter) as `kam-<id>`, for config and data topics. */
function meterOf(status: StatusForTemplates | null): string {
  const monitored = status?.monitored[0];
  if (monitored) return `${monitored.manufacturerKey}-${monitored.deviceId}`;
  const seen = status?.meters[0];
  return seen ? `kam-${seen.deviceId}` : 'kam-<device id>';
}

/** docs/ARCHITECTURE.md § ReMoni API v2: the command that replaces the monitored set. Keys never reach the renderer. */
export function sensorsSetTemplate(status: StatusForTemplates | null): Template {
  const meters = (status?.monitored ?? []).map((m) => ({
    deviceId: m.deviceId,
    manufacturerKey: m.manufacturerKey,
    encryptionKey: KEY_PLACEHOLDER,
    manufacturerDeviceKey: m.manufacturerDeviceKey ?? 'OmniPower1',
  }));
  const list = meters.length > 0 ? meters : [{ ...SAMPLE_METER }];
  return {
    topic: `v2/${gatewayOf(status)}/sensors/set`,
    payload: JSON.stringify(list, null, 2),
    note:
      `Replace each "${KEY_PLACEHOLDER}" with the meter's AES key: keys stay in the main process and are ` +
      'never shown here.' +
      (meters.length === 0 ? ' No monitored meters yet, so this lists a sample meter.' : ''),
  };
}

const SAMPLE_METER = {
  deviceId: '<8 digits>',
  manufacturerKey: 'kam',
  encryptionKey: KEY_PLACEHOLDER,
  manufacturerDeviceKey: 'OmniPower1',
};

/** docs/ARCHITECTURE.md § ReMoni API v2: the four OmniPower channels, exactly as the original gateway sent them. */
export const CONFIG_CHANNELS = [
  { ChannelNumber: 1, DataType: 'accumulated-power', ChannelName: 'A+ / Active positive energy' },
  { ChannelNumber: 2, DataType: 'accumulated-power', ChannelName: 'A- / Active negative energy' },
  { ChannelNumber: 3, DataType: 'power', ChannelName: 'P+ / Active positive power' },
  { ChannelNumber: 4, DataType: 'power', ChannelName: 'P- / Active negative power' },
];

export function configTemplate(status: StatusForTemplates | null): Template {
  return {
    topic: `v2/${gatewayOf(status)}/${meterOf(status)}/config`,
    payload: JSON.stringify({ Channels: CONFIG_CHANNELS }, null, 2),
    note: 'Config message for the four OmniPower channels (API v2).',
  };
}

/** UTC, whole seconds, with a Z: "2020-11-18T10:08:00Z". */
export function utcSeconds(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function dataTemplate(status: StatusForTemplates | null, now: Date): Template {
  const message = {
    channelNumber: 1,
    aggregateType: 'Raw',
    dataType: 'accumulated-power',
    value: 0,
    timestamp: utcSeconds(now),
  };
  return {
    topic: `v2/${gatewayOf(status)}/${meterOf(status)}/data`,
    payload: JSON.stringify(message, null, 2),
    note: 'Data message for channel 1 (A+ in kWh); timestamp is now, UTC.',
  };
}

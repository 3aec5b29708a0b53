import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../shared/gateway';
import {
  CONFIG_CHANNELS,
  KEY_PLACEHOLDER,
  configTemplate,
  dataTemplate,
  sensorsSetTemplate,
  utcSeconds,
} from './templates';

type Status = Pick<GatewayStatus, 'gatewayId' | 'monitored' | 'meters'>;
const status: Status = {
  gatewayId: '706462169',
  meters: [],
  monitored: [
    {
      deviceId: '32666857',
      manufacturerKey: 'kam',
      manufacturerDeviceKey: 'OmniPower1',
      source: 'manual',
      addedAt: '2026-01-01T00:00:00Z',
      keyHint: '…B6',
      keyProtection: 'file-permissions',
    },
  ],
};

describe('templates', () => {
  it('builds sensors/set from the monitored meters with a key placeholder', () => {
    const t = sensorsSetTemplate(status);
    expect(t.topic).toBe('v2/706462169/sensors/set');
    expect(JSON.parse(t.payload)).toEqual([
      {
        deviceId: '32666857',
        manufacturerKey: 'kam',
        encryptionKey: KEY_PLACEHOLDER,
        manufacturerDeviceKey: 'OmniPower1',
      },
    ]);
    expect(t.note).toContain(KEY_PLACEHOLDER);
  });

  it('still gives a usable sensors/set without a status', () => {
    const t = sensorsSetTemplate(null);
    expect(t.topic).toBe('v2/<gateway id>/sensors/set');
    expect(t.note).toContain('sample meter');
  });

  it('sends the four channels exactly as docs/ARCHITECTURE.md § ReMoni API v2', () => {
    const t = configTemplate(status);
    expect(t.topic).toBe('v2/706462169/kam-32666857/config');
    expect(JSON.stringify(JSON.parse(t.payload))).toBe(JSON.stringify({ Channels: CONFIG_CHANNELS }));
    expect(JSON.stringify({ Channels: CONFIG_CHANNELS })).toBe(
      '{"Channels":[{"ChannelNumber":1,"DataType":"accumulated-power","ChannelName":"A+ / Active positive energy"},' +
        '{"ChannelNumber":2,"DataType":"accumulated-power","ChannelName":"A- / Active negative energy"},' +
        '{"ChannelNumber":3,"DataType":"power","ChannelName":"P+ / Active positive power"},' +
        '{"ChannelNumber":4,"DataType":"power","ChannelName":"P- / Active negative power"}]}',
    );
  });

  it('builds a data message for channel 1 stamped now in UTC whole seconds', () => {
    const t = dataTemplate(status, new Date('2020-11-18T10:08:00.734Z'));
    expect(t.topic).toBe('v2/706462169/kam-32666857/data');
    expect(JSON.parse(t.payload)).toEqual({
      channelNumber: 1,
      aggregateType: 'Raw',
      dataType: 'accumulated-power',
      value: 0,
      timestamp: '2020-11-18T10:08:00Z',
    });
    expect(utcSeconds(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import {
  apiTimestamp,
  commandTopic,
  configMessage,
  configPublication,
  configTopic,
  dataPublications,
  dataTopic,
} from './messages';

// The literal JSON of docs/ARCHITECTURE.md § ReMoni API v2, as the ReCalc cloud expects it.
const API_V2_CONFIG =
  '{"Channels":[{"ChannelNumber":1,"DataType":"accumulated-power","ChannelName":"A+ / Active positive energy"},' +
  '{"ChannelNumber":2,"DataType":"accumulated-power","ChannelName":"A- / Active negative energy"},' +
  '{"ChannelNumber":3,"DataType":"power","ChannelName":"P+ / Active positive power"},' +
  '{"ChannelNumber":4,"DataType":"power","ChannelName":"P- / Active negative power"}]}';
const API_V2_DATA =
  '{"channelNumber":<n>,"aggregateType":"Raw","dataType":"accumulated-power","value":<v>,"timestamp":"2020-11-18T10:08:00Z"}';

const sensor = { gatewayId: '706462169', manufacturerKey: 'kam', deviceId: '32666857' };
const values = {
  'A+': { value: 2.15, unit: 'kWh' },
  'A-': { value: 0, unit: 'kWh' },
  'P+': { value: 0.007, unit: 'kW' },
  'P-': { value: 0, unit: 'kW' },
};
const at = new Date('2020-11-18T10:08:00.731Z');

describe('ReMoni API v2 messages', () => {
  it('builds the topics', () => {
    expect(commandTopic('706462169')).toBe('v2/706462169/sensors/set');
    expect(configTopic('706462169', 'kam', '32666857')).toBe('v2/706462169/kam-32666857/config');
    expect(dataTopic('706462169', 'kam', '32666857')).toBe('v2/706462169/kam-32666857/data');
  });

  it('config message is byte for byte the one of the design', () => {
    expect(JSON.stringify(configMessage())).toBe(API_V2_CONFIG);
    expect(configPublication(sensor).topic).toBe('v2/706462169/kam-32666857/config');
  });

  it('data messages: one per channel, A± in kWh, P± in W, UTC whole seconds with Z', () => {
    const published = dataPublications(sensor, values, at, 'per-channel');
    expect(published.every((p) => p.topic === 'v2/706462169/kam-32666857/data')).toBe(true);
    expect(published.map((p) => JSON.stringify(p.payload))).toEqual([
      API_V2_DATA.replace('<n>', '1').replace('<v>', '2.15'),
      API_V2_DATA.replace('<n>', '2').replace('<v>', '0'),
      API_V2_DATA.replace('<n>', '3').replace('accumulated-power', 'power').replace('<v>', '7'),
      API_V2_DATA.replace('<n>', '4').replace('accumulated-power', 'power').replace('<v>', '0'),
    ]);
  });

  it('array format: the four channels in one message', () => {
    const [only, ...rest] = dataPublications(sensor, values, at, 'array');
    expect(rest).toHaveLength(0);
    expect(Array.isArray(only!.payload) && only!.payload.map((m) => m.value)).toEqual([2.15, 0, 7, 0]);
  });

  it('formats timestamps in UTC regardless of milliseconds', () => {
    expect(apiTimestamp(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });
});

// What the flood sends: ReMoni-API-v2-like JSON of 200–400 bytes, each carrying its sequence number
// so the page's newest row tells how far behind the UI is.

const METERS = ['32666857', '32666858', '32666859', '41020304', '41020305'];
const CHANNELS = [
  { channelNumber: 1, unit: 'kWh', name: 'A+' },
  { channelNumber: 2, unit: 'kWh', name: 'A-' },
  { channelNumber: 3, unit: 'W', name: 'P+' },
  { channelNumber: 4, unit: 'W', name: 'P-' },
];

export const BENCH_TOPIC_FILTER = 'bench/#';

export interface BenchMessage {
  topic: string;
  payload: Buffer;
}

export function benchMessage(seq: number, now = Date.now()): BenchMessage {
  const meter = METERS[seq % METERS.length]!;
  const channel = CHANNELS[seq % CHANNELS.length]!;
  const body = {
    seq,
    gatewayId: '706462169',
    sensorId: `kam-${meter}`,
    channelNumber: channel.channelNumber,
    channelName: channel.name,
    value: Math.round((1000 + Math.sin(seq / 50) * 500) * 100) / 100,
    unit: channel.unit,
    timestamp: new Date(now).toISOString(),
    rssi: -60 - (seq % 30),
    linkMode: 'C1a',
    telegram: { accessNumber: seq & 0xff, length: 39, outcome: 'ok' },
    // Varies the size across the 200–400 byte range, as real messages with optional fields do.
    note: 'x'.repeat((seq * 37) % 130),
  };
  return { topic: `bench/kam-${meter}/data`, payload: Buffer.from(JSON.stringify(body)) };
}

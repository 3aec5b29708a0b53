import { describe, expect, it } from 'vitest';
import { meterCards } from './meter-list';
import { meterState } from './test-data';

const monitored = (deviceId: string) => ({
  deviceId,
  manufacturerKey: 'kam',
  manufacturerDeviceKey: null,
  source: 'manual' as const,
  addedAt: 'now',
  keyHint: 'B697',
  keyProtection: 'os-keychain' as const,
});

describe('meterCards', () => {
  it('lists monitored meters first, each group by id, heard or not', () => {
    const cards = meterCards(
      [meterState('32666901', { lastSeen: 't' }), meterState('32666857', { monitored: true, lastSeen: 't' })],
      [monitored('32666857'), monitored('11111111')],
    );
    expect(cards.map((c) => [c.deviceId, c.monitored !== null, c.state !== null])).toEqual([
      ['11111111', true, false],
      ['32666857', true, true],
      ['32666901', false, true],
    ]);
  });

  it('drops a meter that is neither monitored nor ever heard (one just removed)', () => {
    expect(meterCards([meterState('12345678')], [])).toEqual([]);
  });
});

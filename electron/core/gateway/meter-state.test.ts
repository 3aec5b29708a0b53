import { describe, expect, it } from 'vitest';
import { encodeOmniPowerTelegram } from '../wmbus';
import { MeterStates } from './meter-state';
import { TelegramDecoder } from './telegram-decoder';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const frame = encodeOmniPowerTelegram({
  id: '32666857',
  key: KEY,
  accessNumber: 1,
  kind: 'long',
  values: { aPlusWh10: 215, aMinusWh10: 0, pPlusW: 3, pMinusW: 0 },
});

describe('MeterStates', () => {
  it('counts ok telegrams, wrong keys and damaged frames apart, and keeps the last values', () => {
    const states = new MeterStates();
    states.setMonitored(['32666857']);
    const right = new TelegramDecoder({ monitored: new Map([['32666857', KEY]]), fallbackKey: null });
    const wrong = new TelegramDecoder({
      monitored: new Map([['32666857', Buffer.alloc(16, 9)]]),
      fallbackKey: null,
    });
    const damaged = Buffer.from(frame);
    damaged[frame.length - 1]! ^= 0x01; // one bit in the encrypted payload: CRC fails, TPL-CI still plausible
    const at = new Date('2026-11-25T10:00:00Z');
    states.record(right.decode(frame), at, 120, -62.5);
    states.record(wrong.decode(frame), at, 121, -62);
    states.record(right.decode(damaged), at, 119, -63);
    const state = states.get('32666857')!;
    expect(state.counts).toEqual({ ok: 1, crc: 1, wrongKey: 1, noKey: 0, other: 0 });
    expect(state.values?.['A+']).toEqual({ value: 2.15, unit: 'kWh' });
    expect(state).toMatchObject({ monitored: true, rssi: 119, rssiDbm: -63, lastError: { code: 'CRC' } });
  });

  it('lists monitored meters before they are heard', () => {
    const states = new MeterStates();
    states.setMonitored(['11112222']);
    expect(states.list()).toMatchObject([{ deviceId: '11112222', monitored: true, lastSeen: null }]);
  });
});

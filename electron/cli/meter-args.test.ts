import { describe, expect, it } from 'vitest';
import { MeterKeyError, parseAesKey, parseMeterKey } from './meter-args';

const KEY = '9A25139E3244CC2E391A8EF6B915B697';

describe('the CLI meter arguments', () => {
  it('reads ID=KEY into the id and the 16 key bytes, separators and case as the UI takes them', () => {
    const spaced = KEY.toLowerCase().match(/.{4}/g)!.join('-');
    expect(parseMeterKey(`32666857=${spaced}`)).toEqual({ id: '32666857', key: Buffer.from(KEY, 'hex') });
    expect(parseAesKey(KEY.match(/.{2}/g)!.join(':'))).toEqual(Buffer.from(KEY, 'hex'));
  });

  it('names the bad part without echoing the key', () => {
    expect(() => parseMeterKey(`3266685=${KEY}`)).toThrow(
      new MeterKeyError(
        'The meter id of --meter ID=KEY is 8 digits (e.g. 32666857); "3266685" has 7 digits.',
      ),
    );
    expect(() => parseMeterKey('32666857')).toThrow(/key of meter 32666857 is empty/);
    let problem = '';
    try {
      parseMeterKey(`32666857=${KEY.slice(0, 30)}`);
    } catch (error) {
      problem = (error as Error).message;
    }
    expect(problem).toBe('The key of meter 32666857 is 32 hex digits (16 bytes); this one has 30.');
  });
});

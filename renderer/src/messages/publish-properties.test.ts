import { describe, expect, it } from 'vitest';
import { propertyLines } from './message-list';
import {
  checkProperties,
  emptyPropertiesDraft,
  normaliseHex,
  type PropertiesDraft,
} from './publish-properties';

const draft = (change: Partial<PropertiesDraft>): PropertiesDraft => ({
  ...emptyPropertiesDraft(),
  ...change,
});
const rows = (...pairs: Array<[string, string]>) => pairs.map(([key, value], id) => ({ id, key, value }));

describe('MQTT 5 properties from the composer', () => {
  it('sends nothing when nothing is set (blank user-property rows are ignored)', () => {
    expect(checkProperties(draft({ userProperties: rows(['', '']) }))).toEqual({
      ok: true,
      properties: undefined,
    });
  });

  it('trims text, turns typed hex into plain hex and repeated names into a list', () => {
    const checked = checkProperties(
      draft({
        contentType: ' text/plain ',
        responseTopic: 'v2/706462169/reply',
        correlationData: '0A 0b\t0C',
        messageExpiryInterval: '4294967295',
        payloadFormatIndicator: true,
        userProperties: rows(['tag', 'a'], ['site', 'Aarhus'], ['tag', 'b'], ['tag', '']),
      }),
    );
    expect(checked).toEqual({
      ok: true,
      properties: {
        payloadFormatIndicator: true,
        messageExpiryInterval: 4294967295,
        contentType: 'text/plain',
        responseTopic: 'v2/706462169/reply',
        correlationData: '0a0b0c',
        userProperties: { tag: ['a', 'b', ''], site: 'Aarhus' },
      },
    });
  });

  it('names each mistake by field', () => {
    const checked = checkProperties(
      draft({
        correlationData: 'xyz',
        responseTopic: 'a/+/b',
        messageExpiryInterval: '4294967296',
        contentType: 'x'.repeat(1025),
        userProperties: rows(['', 'value']),
      }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      correlationData: 'Correlation data is hex bytes (0-9, a-f), e.g. 0a 1b 2c.',
      responseTopic: 'A response topic is a topic name: no wildcards + or #.',
      messageExpiryInterval: 'Message expiry is at most 4294967295 seconds.',
      contentType: 'Content type is at most 1024 characters.',
      userProperties: 'User property 1 has a value but no name.',
    });
    expect(checkProperties(draft({ messageExpiryInterval: '-5' }))).toMatchObject({
      ok: false,
      errors: { messageExpiryInterval: 'Message expiry is whole seconds (0 or more).' },
    });
  });

  it('says when hex has half a byte', () => {
    expect(normaliseHex('0a0')).toEqual({
      error: 'Correlation data has an odd number of hex digits: a byte is two.',
    });
    expect(normaliseHex('')).toEqual({ hex: '' });
  });
});

describe('received properties as lines', () => {
  it('lists known properties in words and each user property value on its own line', () => {
    expect(
      propertyLines({ messageExpiryInterval: 30, userProperties: { tag: ['a', 'b'] }, reasonString: 'x' }),
    ).toEqual([
      ['message expiry (s)', '30'],
      ['user: tag', 'a'],
      ['user: tag', 'b'],
      ['reasonString', 'x'],
    ]);
    expect(propertyLines(null)).toEqual([]);
  });
});

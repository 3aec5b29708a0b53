import { describe, expect, it } from 'vitest';
import type { MqttInRecord } from './format';
import { redactPayload, redactText } from './redact';

const KEY = 'C0FFEE11D15EA5E5BADC0DE5A1B2C3D4';

/** Any 6 hex digits of the key in a row, either case (the last four may show, as in the UI). */
function keyDigitsIn(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (let at = 0; at + 6 <= KEY.length; at++) {
    const window = KEY.slice(at, at + 6).toLowerCase();
    if (lower.includes(window)) found.push(window);
  }
  return found;
}

describe('what a capture keeps of a payload', () => {
  it.each([
    ['a sensors/set command', `[{"deviceId":"41526373","manufacturerKey":"kam","encryptionKey":"${KEY}"}]`],
    ['PascalCase', `[{"DeviceId":"41526373","EncryptionKey":"${KEY.toLowerCase()}"}]`],
    ['snake_case with spaces', `{"encryption_key" : "${KEY}"}`],
    ['a malformed command', `[{"deviceId":"41526373","encryptionKey":"${KEY}"},]`],
    ['the key spaced as pasted', `set key ${KEY.replace(/(..)(?!$)/g, '$1 ')} please`],
    ['the key with colons', `key=${KEY.replace(/(..)(?!$)/g, '$1:')}`],
    ['a password field', '{"username":"gw","password":"Pw-Q7x!v3Zr9-secret"}'],
  ])('masks the secret in %s, keeping the last four characters', (_what, text) => {
    const out = redactText(text);
    expect(keyDigitsIn(out)).toEqual([]);
    expect(out).not.toContain('Q7x!v3Zr9');
    expect(out.length).toBe(text.length);
  });

  it('leaves an API v2 data message as it was', () => {
    const data =
      '{"channelNumber":1,"aggregateType":"Raw","dataType":"accumulated-power","value":2.15,"timestamp":"2026-12-06T23:46:52Z"}';
    expect(redactText(data)).toBe(data);
    const config =
      '{"Channels":[{"ChannelNumber":1,"DataType":"accumulated-power","ChannelName":"A+ / Active positive energy"}]}';
    expect(redactPayload(Buffer.from(config))).toBe(config);
  });

  it('keeps only the size of a binary payload: bytes cannot be checked for a key', () => {
    expect(redactPayload(Buffer.concat([Buffer.from(KEY, 'hex'), Buffer.of(0, 1, 2)]))).toBe(
      '<binary, 19 bytes>',
    );
  });

  it('takes no unredacted text where a payload goes (checked by the compiler)', () => {
    const record: MqttInRecord = {
      t: 0,
      type: 'mqtt-in',
      topic: 't',
      qos: 0,
      retain: false,
      size: 2,
      // @ts-expect-error a plain string is not RedactedText: it must pass through redactText first
      payload: '[]',
    };
    expect(record.type).toBe('mqtt-in');
  });
});

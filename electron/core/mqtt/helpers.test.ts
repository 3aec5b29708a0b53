import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { maskMeterKeys, receivedMessage, toIncomingMessage } from './incoming';
import { outboxFileFor } from './outbox-path';
import { previewPayload } from './payload-preview';
import { jsonSafeProperties } from './properties';
import { mqttTraceLog, redactSecrets } from './redact';
import { topicFilterProblem, topicNameProblem } from './topics';

describe('backoffDelay', () => {
  const options = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 };
  it('grows exponentially up to the cap, with jitter taken off the top', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, options, () => 0)).toBe(60_000);
    expect(backoffDelay(1000, options, () => 0.999)).toBeGreaterThanOrEqual(42_000);
    expect(backoffDelay(3, options, () => 1)).toBe(2800);
  });
});

describe('previewPayload', () => {
  it('shows text, JSON and binary, and never cuts without saying so', () => {
    expect(previewPayload(Buffer.from(''))).toMatchObject({ format: 'empty', size: 0, truncated: false });
    expect(previewPayload(Buffer.from('hello\nworld'))).toMatchObject({
      format: 'text',
      text: 'hello\nworld',
      truncated: false,
    });
    expect(previewPayload(Buffer.from('{"value":2.15}'))).toMatchObject({
      format: 'json',
      text: '{"value":2.15}',
    });
    expect(previewPayload(Buffer.from('{"value":'))).toMatchObject({ format: 'text' });
    expect(previewPayload(Buffer.from([0x00, 0xff, 0x10]))).toMatchObject({
      format: 'binary',
      hex: '00 ff 10',
      text: null,
    });
    const big = previewPayload(Buffer.from(JSON.stringify({ data: 'x'.repeat(30_000) })), 20_000);
    expect(big).toMatchObject({ format: 'json', size: 30_011, truncated: true, shownBytes: 20_000 });
    expect(big.text).toHaveLength(20_000);
  });

  it('does not split a UTF-8 character when cutting', () => {
    const preview = previewPayload(Buffer.from('ééééé'), 5);
    expect(preview).toMatchObject({ text: 'éé', shownBytes: 4, truncated: true, size: 10 });
  });
});

describe('redactSecrets', () => {
  it('removes the profile secrets in any form MQTT.js might print them', () => {
    const text = `packet: { username: 'gw', password: <Buffer ${Buffer.from('hunter2')
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ')}> } hunter2`;
    const out = redactSecrets(text, ['hunter2']);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('68 75 6e 74 65 72 32');
  });

  it('formats MQTT.js log calls lazily into redacted debug lines', () => {
    const lines: string[] = [];
    mqttTraceLog((l) => lines.push(l), ['s3cret'])('_writePacket :: packet: %O', {
      cmd: 'connect',
      password: 's3cret',
    });
    expect(lines[0]).toMatch(/^mqtt\.js: _writePacket/);
    expect(lines[0]).not.toContain('s3cret');
  });
});

describe('small helpers', () => {
  it('validates topic filters', () => {
    expect(topicFilterProblem('v2/+/data')).toBeNull();
    expect(topicFilterProblem('v2/#')).toBeNull();
    expect(topicFilterProblem('v2/#/x')).toMatch(/last/);
    expect(topicFilterProblem('v2/a+')).toMatch(/whole level/);
    expect(topicFilterProblem('')).toMatch(/empty/);
    expect(topicNameProblem('v2/1/x/data')).toBeNull();
    expect(topicNameProblem('v2/+/data')).toMatch(/wildcards/);
  });

  it('makes MQTT 5 properties JSON-safe', () => {
    expect(
      jsonSafeProperties({ correlationData: Buffer.from([1, 2]), contentType: 'a', x: undefined }),
    ).toEqual({
      correlationData: '01 02',
      contentType: 'a',
    });
    expect(jsonSafeProperties({})).toBeNull();
  });

  it('gives each profile its own outbox file name', () => {
    expect(outboxFileFor('/data', 'recalc')).toMatch(/^\/data\/recalc-[0-9a-f]{8}\.outbox\.jsonl$/);
    expect(outboxFileFor('/data', 'a/b')).not.toBe(outboxFileFor('/data', 'a_b'));
  });
});

describe('incoming messages', () => {
  it('carry topic, payload preview, QoS, retain and MQTT 5 properties as JSON', () => {
    const received = receivedMessage(
      {
        cmd: 'publish',
        topic: 'v2/1/sensors/set',
        payload: Buffer.from('[{"deviceId":"32666857"}]'),
        qos: 1,
        retain: true,
        dup: false,
        messageId: 7,
        properties: {
          contentType: 'application/json',
          correlationData: Buffer.from([0xab]),
          userProperties: { a: 'b' },
        },
      },
      new Date('2026-11-25T10:00:00Z'),
    );
    expect(received.payload.toString()).toBe('[{"deviceId":"32666857"}]');
    expect(toIncomingMessage(received)).toEqual({
      topic: 'v2/1/sensors/set',
      qos: 1,
      retain: true,
      dup: false,
      payload: {
        format: 'json',
        size: 25,
        text: '[{"deviceId":"32666857"}]',
        hex: null,
        truncated: false,
        shownBytes: 25,
      },
      properties: { contentType: 'application/json', correlationData: 'ab', userProperties: { a: 'b' } },
      receivedAt: '2026-11-25T10:00:00.000Z',
    });
  });
});

describe('meter keys in received messages', () => {
  const key = '9A25139E3244CC2E391A8EF6B915B697';
  const message = (payload: string) =>
    receivedMessage(
      {
        cmd: 'publish',
        topic: 'v2/706462169/sensors/set',
        payload: Buffer.from(payload),
        qos: 1,
        retain: false,
        dup: false,
        messageId: 1,
      },
      new Date('2026-11-25T10:00:00Z'),
    );

  it('never shows a sensors/set key to the renderer, in either spelling, keeping the last four digits', () => {
    const payload = JSON.stringify([
      { deviceId: '32666857', manufacturerKey: 'kam', encryptionKey: key },
      { DeviceId: '11112222', ManufacturerKey: 'kam', EncryptionKey: key.toLowerCase() },
      { deviceId: '33334444', encryption_key: 'not-even-hex' },
    ]);
    const shown = toIncomingMessage(message(payload)).payload;
    expect(shown.text).not.toMatch(new RegExp(key, 'i'));
    expect(shown.text).toContain('"encryptionKey":"****************************B697"');
    expect(shown.text).toContain('"EncryptionKey":"****************************b697"');
    expect(shown.text).toContain('"encryption_key":"********-hex"');
    expect(shown.size).toBe(Buffer.byteLength(payload));
    expect(shown.format).toBe('json');
  });

  it('keeps the whole key for the gateway itself, and leaves other payloads untouched', () => {
    const payload = `[{"deviceId":"32666857","encryptionKey":"${key}"}]`;
    expect(message(payload).payload.toString()).toContain(key);
    const plain = Buffer.from('{"value":1.5,"description":"encryption is on"}');
    expect(maskMeterKeys(plain)).toBe(plain);
  });
});

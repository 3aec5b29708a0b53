import { describe, expect, it } from 'vitest';
import { createStreamLogger, redact } from './logger';

describe('redact', () => {
  it('removes passwords from URLs and key/value text', () => {
    expect(redact('connect mqtts://gw-7:s3cr3t@broker.example.com:8883')).toBe(
      'connect mqtts://gw-7:***@broker.example.com:8883',
    );
    expect(redact('{"username":"gw","password":"s3cr3t"}')).toBe('{"username":"gw","password":***}');
    expect(redact('key_passphrase: hunter2, port: 8883')).toBe('key_passphrase: ***, port: 8883');
    // A profile named after a password is not one: the words after it stay readable.
    expect(redact('mqtt wrong-password: connecting (attempt 1)')).toBe(
      'mqtt wrong-password: connecting (attempt 1)',
    );
    expect(redact('password: hunter2')).toBe('password: ***');
    expect(redact('encryptionKey=9A25139E3244CC2E391A8EF6B915B697')).toBe('encryptionKey=***');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('connected to broker.example.com:8883 (code 0)')).toBe(
      'connected to broker.example.com:8883 (code 0)',
    );
  });
});

describe('createStreamLogger', () => {
  it('writes redacted lines at or above the chosen level', () => {
    const lines: string[] = [];
    const logger = createStreamLogger(
      (l) => lines.push(l),
      'info',
      () => new Date('2026-11-25T10:00:00Z'),
    );
    logger.debug('noise');
    logger.warn('password: hunter2');
    expect(lines).toEqual(['2026-11-25T10:00:00.000Z WARN password: ***\n']);
  });
});

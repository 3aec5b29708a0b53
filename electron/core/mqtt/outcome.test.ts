import { describe, expect, it } from 'vitest';
import type { ConnectPlan } from './connect-options';
import {
  cleanMessage,
  connackOutcome,
  failureCode,
  failureOutcome,
  lostOutcome,
  type OutcomeContext,
} from './outcome';

const plan: OutcomeContext['plan'] = {
  host: 'broker.example.com',
  port: 8883,
  endpoint: 'mqtts://broker.example.com:8883',
  protocolVersion: 4,
  clientId: 'gw-diag-0a1b2c3d',
  credentials: { username: 'gw-1', hasPassword: true },
  certificateName: 'broker.example.com',
  connectTimeoutMs: 10_000,
  secrets: ['p4ss-w0rd'],
};
const ctx = (over: Partial<ConnectPlan> = {}): OutcomeContext => ({
  plan: { ...plan, ...over },
  now: new Date('2026-11-25T10:00:00Z'),
  tls: null,
});

describe('outcome', () => {
  it('classifies MQTT.js errors into codes', () => {
    expect(failureCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED',
    );
    expect(failureCode(new Error('connack timeout'))).toBe('ERR_CONNACK_TIMEOUT');
    expect(failureCode(new Error('Keepalive timeout'))).toBe('ERR_KEEPALIVE_TIMEOUT');
    expect(failureCode(new Error('Unexpected server response: 404'))).toBe('ERR_WS_UNEXPECTED_RESPONSE');
    expect(failureCode(Object.assign(new Error('Protocol error'), { code: 130 }))).toBe('ERR_MQTT_PROTOCOL');
    expect(
      failureCode(
        Object.assign(
          new Error('Client network socket disconnected before secure TLS connection was established'),
          {
            code: 'ECONNRESET',
          },
        ),
      ),
    ).toBe('ERR_TLS_HANDSHAKE_CLOSED');
    expect(failureCode('weird')).toBe('ERR_UNKNOWN');
  });

  it('turns a CONNACK into words, noting what credentials the profile sent', () => {
    const accepted = connackOutcome(ctx(), { cmd: 'connack', returnCode: 0, sessionPresent: false });
    expect(accepted).toMatchObject({ ok: true, kind: 'accepted', code: 0, at: '2026-11-25T10:00:00.000Z' });
    const refused = connackOutcome(ctx(), { cmd: 'connack', returnCode: 5, sessionPresent: false });
    expect(refused).toMatchObject({ ok: false, kind: 'refused', code: 5, retryable: false });
    expect(refused.hint).toContain('user name "gw-1" with a password');
    const anonymous = connackOutcome(ctx({ credentials: { username: null, hasPassword: false } }), {
      cmd: 'connack',
      returnCode: 4,
      sessionPresent: false,
    });
    expect(anonymous.hint).toMatch(/anonymous/);
  });

  it('uses MQTT 5 reason codes and the broker reason string, redacted', () => {
    const outcome = connackOutcome(ctx({ protocolVersion: 5 }), {
      cmd: 'connack',
      reasonCode: 0x86,
      sessionPresent: false,
      properties: { reasonString: 'password p4ss-w0rd rejected' },
    });
    expect(outcome.code).toBe(134);
    expect(outcome.text).toContain('user name or password');
    expect(outcome.text).toContain('password *** rejected');
    expect(JSON.stringify(outcome)).not.toContain('p4ss-w0rd');
  });

  it('never shows user:pass@ or the password in error messages', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND mqtt://gw:p4ss-w0rd@host'), {
      code: 'ENOTFOUND',
    });
    const outcome = failureOutcome(ctx(), error);
    expect(JSON.stringify(outcome)).not.toContain('p4ss-w0rd');
    expect(outcome.error?.message).toContain('gw:***@host');
  });

  it('shortens OpenSSL error strings', () => {
    expect(
      cleanMessage(
        '80FC812F677F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/ssl/rec_layer_s3.c:1601:SSL alert number 116\n',
      ),
    ).toBe('tlsv13 alert certificate required (SSL alert 116)');
    expect(cleanMessage('error:1C800064:Provider routines::bad decrypt')).toBe('bad decrypt');
  });

  it('explains a lost connection: MQTT 5 DISCONNECT reason, error, or plain close', () => {
    const takenOver = lostOutcome(ctx({ protocolVersion: 5 }), {
      disconnect: { cmd: 'disconnect', reasonCode: 0x8e },
      error: null,
    });
    expect(takenOver).toMatchObject({
      kind: 'closed',
      code: 0x8e,
      retryable: true,
      error: { code: 'ERR_SERVER_DISCONNECT' },
    });
    expect(takenOver.hint).toMatch(/same client_id/);
    const banned = lostOutcome(ctx({ protocolVersion: 5 }), {
      disconnect: { cmd: 'disconnect', reasonCode: 0x8a },
      error: null,
    });
    expect(banned.retryable).toBe(false);
    expect(lostOutcome(ctx(), { disconnect: null, error: null }).error?.code).toBe('ERR_CONNECTION_CLOSED');
    const reset = lostOutcome(ctx(), {
      disconnect: null,
      error: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(reset).toMatchObject({ retryable: true, error: { code: 'ECONNRESET' } });
  });
});

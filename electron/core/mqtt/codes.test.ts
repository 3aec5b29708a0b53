import { describe, expect, it } from 'vitest';
import {
  MQTT311_CONNACK_CODES,
  explainConnack,
  explainSubackCode,
  isTransientRefusal,
} from '../../../shared/mqtt/connack-codes';
import { FAILURES, explainFailure } from '../../../shared/mqtt/network-errors';
import { MQTT5_REASON_CODES, explainReasonCode } from '../../../shared/mqtt/reason-codes';

// The shared code tables (shared/mqtt): every code docs/ARCHITECTURE.md § MQTT names has words and a hint.

const DOCUMENTED_V5 = [
  0x80, 0x81, 0x82, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8c, 0x95, 0x97, 0x9c, 0x9d, 0x9f,
];
const DOCUMENTED_NODE = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
];

describe('code tables', () => {
  it('words every MQTT 3.1.1 CONNACK code, with a hint for each refusal', () => {
    for (let code = 0; code <= 5; code++) {
      const words = explainConnack(code, 4);
      expect(words.text).toBe(MQTT311_CONNACK_CODES[code]!.text);
      if (code > 0) expect(words.hint).toBeTruthy();
    }
    expect(explainConnack(1, 4).text).toBe('Connection refused: unacceptable protocol version.');
    expect(explainConnack(9, 4).text).toMatch(/does not define/);
  });

  it('says that Mosquitto answers a wrong password with 5 (3.1.1) and 135 (MQTT 5)', () => {
    expect(explainConnack(5, 4).hint).toMatch(/wrong password with 5.*ACL/s);
    expect(explainConnack(0x87, 5).hint).toMatch(/wrong password with 135.*ACL/s);
  });

  it('words every MQTT 5 reason code of docs/ARCHITECTURE.md § MQTT, and every spec code ≥ 0x80, with a hint', () => {
    for (const code of DOCUMENTED_V5) {
      const words = explainConnack(code, 5);
      expect(words.text).toMatch(/^Connection refused: /);
      expect(words.hint, `hint for 0x${code.toString(16)}`).toBeTruthy();
    }
    for (const [code, info] of Object.entries(MQTT5_REASON_CODES)) {
      if (Number(code) >= 0x80) expect(info.hint, `0x${Number(code).toString(16)}`).toBeTruthy();
    }
    expect(explainReasonCode(0xfe, 'connack').text).toMatch(/does not define/);
  });

  it('gives packet-specific hints (0x87 at connect vs. on a topic)', () => {
    expect(explainReasonCode(0x87, 'suback').hint).toMatch(/subscribe/);
    expect(explainReasonCode(0x87, 'puback').hint).toMatch(/publish/);
  });

  it('retries only refusals that are temporary', () => {
    expect(isTransientRefusal(3, 4)).toBe(true);
    expect(isTransientRefusal(5, 4)).toBe(false);
    expect(isTransientRefusal(0x89, 5)).toBe(true);
    expect(isTransientRefusal(0x87, 5)).toBe(false);
  });

  it('explains SUBACK codes: granted QoS or refusal', () => {
    expect(explainSubackCode(1, 4)).toMatchObject({
      text: 'Granted with QoS 1.',
      hint: expect.stringMatching(/ACL/),
    });
    expect(explainSubackCode(0x80, 4).hint).toMatch(/ACL/);
    expect(explainSubackCode(0x87, 5).text).toMatch(/not authorised/);
    expect(explainSubackCode(0x8f, 5).hint).toMatch(/\+ and #/);
  });

  it('words the network and TLS errors of docs/ARCHITECTURE.md § MQTT for this endpoint', () => {
    for (const code of DOCUMENTED_NODE) expect(FAILURES[code], code).toBeDefined();
    const refused = explainFailure('ECONNREFUSED', { host: 'broker.example.com', port: 8883 });
    expect(refused.text).toBe(
      'Connection refused: broker.example.com answered, but nothing accepts connections on port 8883.',
    );
    expect(refused.hint).toMatch(/firewall/);
    expect(
      explainFailure('ERR_TLS_CERT_ALTNAME_INVALID', { host: '10.0.0.1', port: 8883, name: 'mqtt.example' })
        .text,
    ).toContain('mqtt.example');
    expect(explainFailure('ETIMEDOUT', { host: '::1', port: 1883 }).text).toContain('[::1]:1883');
    expect(explainFailure('ERR_SSL_SOMETHING_NEW', { host: 'h', port: 1 }).kind).toBe('tls');
    expect(explainFailure('EWHATEVER', { host: 'h', port: 1 }).text).toBe('The connection to h:1 failed.');
  });
});

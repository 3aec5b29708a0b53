import { describe, expect, it } from 'vitest';
import { im871aInfo, meterState, session, statusWith } from '../live/test-data';
import { checklist, emptyFacts, withStatus } from './checklist';
import { buildRecord, recordFileName, recordJson } from './record';

const NOW = '2026-11-25T12:30:00.000Z';

const status = () =>
  statusWith({
    stick: { state: 'ready', path: '/dev/ttyUSB0' },
    stickInfo: im871aInfo('ab12cd34'),
    session: session('connected', {
      outcome: {
        ok: true,
        kind: 'accepted',
        code: 0,
        protocolVersion: 4,
        text: 'Connection accepted.',
        hint: null,
        error: null,
        tls: {
          protocol: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          alpnProtocol: null,
          servername: 'broker.example',
          authorized: true,
          authorizationError: null,
          insecure: false,
          peer: {
            subject: 'CN=broker.example',
            issuer: 'CN=CA',
            subjectAltNames: [],
            validFrom: 'a',
            validTo: 'b',
            serialNumber: '0123456789ABCDEF0123456789ABCDEF',
            fingerprint256: 'AA:BB',
          },
        },
        retryable: false,
        endpoint: 'mqtts://broker.example:8883',
        clientId: 'client-secret-ish',
        sessionPresent: false,
        brokerProperties: null,
        at: NOW,
      },
    }),
    meters: [
      meterState('32666857', {
        monitored: true,
        values: { 'A+': { value: 2150, unit: 'Wh' }, 'P+': { value: 0.345, unit: 'kW' } },
        lastSeen: NOW,
        rssiDbm: -61,
        counts: { ok: 2, crc: 1, wrongKey: 0, noKey: 0, other: 0 },
      }),
      meterState('99999999'),
    ],
    monitored: [
      {
        deviceId: '32666857',
        manufacturerKey: 'KAM',
        manufacturerDeviceKey: null,
        source: 'manual',
        addedAt: NOW,
        keyHint: 'B697',
        keyProtection: 'os-keychain',
      },
    ],
  });

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => {
        const path = Array.isArray(value) ? `${prefix}[]` : `${prefix}.${k}`;
        return [path, ...keysOf(v, path)];
      })
    : [];

describe('commissioning record', () => {
  const facts = withStatus(emptyFacts(), status(), NOW);
  const record = buildRecord(facts.status, checklist(facts), NOW);

  it('holds the listed facts, in kWh and W, with only the end of the key', () => {
    expect(record).toMatchObject({
      createdAt: NOW,
      profile: 'demo',
      broker: '127.0.0.1:40000',
      tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', peerSubject: 'CN=broker.example' },
      returnCode: { code: 0, text: 'Connection accepted.' },
      gatewayId: '706462169',
      linkMode: 'c1a',
      stick: { module: 'iM871A', firmware: '0x14', deviceId: 'ab12cd34' },
    });
    expect(record.meters).toEqual([
      {
        deviceId: '32666857',
        manufacturer: 'KAM',
        values: { 'A+': { value: 2.15, unit: 'kWh' }, 'P+': { value: 345, unit: 'W' } },
        rssiDbm: -61,
        counts: { ok: 2, crc: 1, wrongKey: 0, noKey: 0, other: 0 },
        lastSeen: NOW,
        key: '…B697',
        intervalS: null,
        silent: null,
      },
    ]);
    expect(record.steps).toHaveLength(6);
    expect(record.steps[0]).toMatchObject({ step: 1, title: 'Stick found', state: 'ok', at: NOW });
  });

  it('contains only the documented fields and nothing secret', () => {
    const json = recordJson(record);
    const paths = new Set(keysOf(JSON.parse(json)));
    const allowed = new Set([
      ...['.createdAt', '.profile', '.broker', '.tls', '.tls.protocol', '.tls.cipher', '.tls.peerSubject'],
      ...['.returnCode', '.returnCode.code', '.returnCode.text', '.gatewayId', '.linkMode', '.stick'],
      ...[
        '.stick.module',
        '.stick.firmware',
        '.stick.deviceId',
        '.meters',
        '.meters[]',
        '.steps',
        '.steps[]',
      ],
      ...['deviceId', 'manufacturer', 'values', 'rssiDbm', 'counts', 'lastSeen', 'key'].map(
        (k) => `.meters[].${k}`,
      ),
      ...['intervalS', 'silent', 'silent.forS', 'silent.intervals', 'silent.text'].map(
        (k) => `.meters[].${k}`,
      ),
      ...['A+', 'P+'].flatMap((v) => [
        `.meters[].values.${v}`,
        `.meters[].values.${v}.value`,
        `.meters[].values.${v}.unit`,
      ]),
      ...['ok', 'crc', 'wrongKey', 'noKey', 'other'].map((k) => `.meters[].counts.${k}`),
      ...['step', 'title', 'state', 'at', 'reason'].map((k) => `.steps[].${k}`),
    ]);
    expect([...paths].filter((p) => !allowed.has(p))).toEqual([]);
    expect(json).not.toMatch(/[0-9a-f]{32}/i);
    expect(json).not.toMatch(/password|client-secret-ish|fingerprint|keyProtection/i);
  });

  it('names the file after gateway, meter and date', () => {
    expect(recordFileName(record)).toBe('commissioning-706462169-32666857-2026-11-25.json');
    const empty = buildRecord(null, [], NOW);
    expect(recordFileName(empty)).toBe('commissioning-unknown-no-meter-2026-11-25.json');
    expect(empty.meters).toEqual([]);
  });
});

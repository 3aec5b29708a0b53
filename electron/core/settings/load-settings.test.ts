import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSettingsFile } from './index';

function writeSettings(text: string, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-settings-'))): string {
  const file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const EXAMPLE_FILE = fileURLToPath(new URL('../../../settings/secrets.example.yaml', import.meta.url));

describe('loadSettingsFile: good files', () => {
  it("loads the original Python gateway's profile shape with the right defaults", () => {
    const file = writeSettings(
      [
        'recalc:',
        '  ip: broker.example.com',
        '  port: 8883',
        '  username: gw-1',
        '  password: s3cret',
        '',
      ].join('\n'),
    );
    const loaded = loadSettingsFile(file);
    expect(loaded.problems).toEqual([]);
    expect(loaded.file).toBe(file);
    expect(loaded.profiles).toEqual([
      {
        name: 'recalc',
        demo: false,
        host: 'broker.example.com',
        port: 8883,
        transport: 'tcp',
        wsPath: null,
        tls: true,
        tlsInsecure: false,
        caFile: null,
        certFile: null,
        keyFile: null,
        servername: null,
        alpn: null,
        protocolVersion: 4,
        clientId: null,
        keepalive: 60,
        username: 'gw-1',
        password: 's3cret',
        keyPassphrase: null,
        gatewayId: null,
        subscribeTopic: null,
        qos: 1,
        dataFormat: 'per-channel',
      },
    ]);
  });

  it('loads the example file without errors or warnings', () => {
    const loaded = loadSettingsFile(EXAMPLE_FILE);
    expect(loaded.problems).toEqual([]);
    expect(loaded.profiles.map((p) => p.name)).toEqual(['recalc', 'recalc-extended']);
    expect(loaded.profiles[1]).toMatchObject({ protocolVersion: 5, alpn: ['mqtt'], gatewayId: '000000000' });
  });

  it('applies port and TLS defaults', () => {
    const file = writeSettings(
      [
        'plain: { ip: a.example }',
        'ws: { ip: a.example, transport: websockets }',
        'wss: { ip: a.example, transport: websockets, tls: true }',
        'tls-default: { ip: a.example, tls: true }',
        'gw: { ip: a.example, gateway_id: 706462169 }',
        'quoted-port: { ip: a.example, port: "1884" }',
      ].join('\n'),
    );
    const loaded = loadSettingsFile(file);
    expect(loaded.problems).toEqual([]);
    const byName = Object.fromEntries(loaded.profiles.map((p) => [p.name, p]));
    expect(byName.plain).toMatchObject({ port: 1883, tls: false, wsPath: null });
    expect(byName.ws).toMatchObject({ port: 80, tls: false, wsPath: '/mqtt' });
    expect(byName.wss).toMatchObject({ port: 443, tls: true, wsPath: '/mqtt' });
    expect(byName['tls-default']).toMatchObject({ port: 8883, tls: true });
    expect(byName.gw).toMatchObject({ gatewayId: '706462169', subscribeTopic: 'v2/706462169/sensors/set' });
    expect(byName['quoted-port']).toMatchObject({ port: 1884 });
  });

  it('resolves certificate paths against the settings folder and turns TLS on for them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-settings-'));
    fs.mkdirSync(path.join(dir, 'certs'));
    for (const name of ['ca.pem', 'client.pem', 'client.key'])
      fs.writeFileSync(path.join(dir, 'certs', name), 'x');
    const file = writeSettings(
      [
        'secure:',
        '  ip: broker.example.com',
        '  port: 9000',
        '  ca_file: certs/ca.pem',
        '  cert_file: certs/client.pem',
        '  key_file: certs/client.key',
        '  key_passphrase: pass-phrase-xyz',
        '  alpn: mqtt',
      ].join('\n'),
      dir,
    );
    const loaded = loadSettingsFile(file);
    expect(loaded.problems).toEqual([]);
    expect(loaded.profiles[0]).toMatchObject({
      tls: true,
      port: 9000,
      caFile: path.join(dir, 'certs', 'ca.pem'),
      certFile: path.join(dir, 'certs', 'client.pem'),
      keyFile: path.join(dir, 'certs', 'client.key'),
      keyPassphrase: 'pass-phrase-xyz',
      alpn: ['mqtt'],
    });
  });

  it('accepts injected readFile and canRead', () => {
    const loaded = loadSettingsFile('/virtual/secrets.yaml', {
      readFile: () => 'p:\n  ip: h\n  ca_file: ca.pem\n',
      canRead: (p) => p === path.resolve('/virtual/ca.pem'),
    });
    expect(loaded.problems).toEqual([]);
    expect(loaded.profiles[0]?.caFile).toBe(path.resolve('/virtual/ca.pem'));
  });

  it('keeps loading the good profile when another one is broken', () => {
    const file = writeSettings(
      ['broken:', '  ip: a.example', '  port: 0', 'good:', '  ip: b.example', '  port: 1883'].join('\n'),
    );
    const loaded = loadSettingsFile(file);
    expect(loaded.profiles.map((p) => p.name)).toEqual(['good']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ severity: 'error', line: 3, key: 'broken.port' });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettingsFile } from './load-settings';

function writeSettings(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-settings-'));
  const file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

interface BrokenCase {
  name: string;
  lines: string[];
  severity?: 'error' | 'warning';
  line: number | null;
  key: string | null;
  message: RegExp;
  /** Text that must not appear in any message (secrets). */
  secret?: string;
  /** Profiles that still load despite the problem. */
  loads?: string[];
}

const CASES: BrokenCase[] = [
  {
    name: 'YAML syntax error (unclosed bracket)',
    lines: ['recalc:', '  ip: broker.example.com', '  alpn: [mqtt', '  port: 1883'],
    line: 4,
    key: 'recalc.port',
    message: /^YAML syntax error: .*bracket or quote/,
  },
  {
    name: 'tab indentation',
    lines: ['recalc:', '\tip: broker.example.com'],
    line: 2,
    key: 'recalc.ip',
    message: /tab characters.*indent with spaces/,
  },
  {
    name: 'duplicated key',
    lines: ['recalc:', '  ip: a.example', '  port: 1883', '  port: 8883'],
    line: 4,
    key: 'recalc.port',
    message: /duplicated mapping key/,
  },
  {
    name: 'port of the wrong type',
    lines: ['recalc:', '  ip: broker.example.com', '  port: 88x'],
    line: 3,
    key: 'recalc.port',
    message: /^port must be a whole number from 1 to 65535, got "88x"$/,
  },
  {
    name: 'port out of range',
    lines: ['recalc:', '  ip: broker.example.com', '  port: 70000'],
    line: 3,
    key: 'recalc.port',
    message: /^port must be a whole number from 1 to 65535, got 70000$/,
  },
  {
    name: 'missing host',
    lines: ['# comment', 'recalc:', '  port: 1883', '  username: gw'],
    line: 2,
    key: 'recalc.ip',
    message: /profile "recalc" has no broker address; add ip:/,
  },
  {
    name: 'ip and host both given',
    lines: ['recalc:', '  ip: a.example', '  host: b.example'],
    line: 3,
    key: 'recalc.host',
    message: /either ip or host, not both/,
  },
  {
    name: 'host written as a URL',
    lines: ['recalc:', '  host: mqtts://broker.example.com:8883'],
    line: 2,
    key: 'recalc.host',
    message: /without a scheme/,
  },
  {
    name: 'unreadable ca_file',
    lines: ['recalc:', '  ip: a.example', '  ca_file: certs/missing-ca.pem'],
    line: 3,
    key: 'recalc.ca_file',
    message: /^ca_file cannot be read at .*certs[/\\]missing-ca\.pem: no such file or folder \(ENOENT\)/,
  },
  {
    name: 'cert_file without key_file',
    lines: ['recalc:', '  ip: a.example', '  cert_file: secrets.yaml'],
    line: 3,
    key: 'recalc.cert_file',
    message: /cert_file is set but key_file is not/,
  },
  {
    name: 'bad protocol_version',
    lines: ['recalc:', '  ip: a.example', '  protocol_version: 3'],
    line: 3,
    key: 'recalc.protocol_version',
    message: /^protocol_version must be 4 \(MQTT 3\.1\.1\) or 5 \(MQTT 5\), got 3$/,
  },
  {
    name: 'bad transport',
    lines: ['recalc: {ip: a.example, transport: wss}'],
    line: 1,
    key: 'recalc.transport',
    message: /^transport must be tcp or websockets, got "wss"$/,
  },
  {
    name: 'bad qos',
    lines: ['recalc:', '  ip: a.example', '', '  qos: 3'],
    line: 4,
    key: 'recalc.qos',
    message: /^qos must be 0, 1 or 2, got 3$/,
  },
  {
    name: 'tls that is not a boolean',
    lines: ['recalc:', '  ip: a.example', '  tls: yes'],
    line: 3,
    key: 'recalc.tls',
    message: /^tls must be true or false, got "yes"$/,
  },
  {
    name: 'keepalive out of range',
    lines: ['recalc:', '  ip: a.example', '  keepalive: -5'],
    line: 3,
    key: 'recalc.keepalive',
    message: /keepalive must be a whole number of seconds from 0 to 65535/,
  },
  {
    name: 'gateway_id that is not digits',
    lines: ['recalc:', '  ip: a.example', '  gateway_id: gw-12'],
    line: 3,
    key: 'recalc.gateway_id',
    message: /gateway_id must be the gateway's number written as digits/,
  },
  {
    name: 'alpn of the wrong type',
    lines: ['recalc:', '  ip: a.example', '  alpn: [mqtt, 5]'],
    line: 3,
    key: 'recalc.alpn',
    message: /alpn must be a protocol name or a list of them, e\.g\. \[mqtt\], got a list containing 5/,
  },
  {
    name: 'profile that is not a mapping',
    lines: ['recalc: broker.example.com', 'good:', '  ip: b.example'],
    line: 1,
    key: 'recalc',
    message: /profile "recalc" must hold settings as indented key: value lines, got text/,
    loads: ['good'],
  },
  {
    name: 'empty profile',
    lines: ['recalc:'],
    line: 1,
    key: 'recalc',
    message: /profile "recalc" is empty/,
  },
  {
    name: 'top level is a list',
    lines: ['# profiles', '- recalc', '- other'],
    line: 2,
    key: null,
    message: /top level must be profile names.*got a list/,
  },
  {
    name: 'reserved demo name',
    lines: ['demo:', '  ip: a.example'],
    line: 1,
    key: 'demo',
    message: /"demo" is reserved for the built-in demo profile/,
  },
  {
    name: 'password of the wrong type is not echoed',
    lines: ['recalc:', '  ip: a.example', '  username: gw', '  password: 73914682'],
    line: 4,
    key: 'recalc.password',
    message: /^password must be text, got a number; put it in quotes/,
    secret: '73914682',
  },
  {
    name: 'key_passphrase of the wrong type is not echoed',
    lines: ['recalc:', '  ip: a.example', '  key_passphrase: [Hidden-Phrase-1]'],
    line: 3,
    key: 'recalc.key_passphrase',
    message: /^key_passphrase must be text, got a list$/,
    secret: 'Hidden-Phrase-1',
  },
  {
    name: 'password that lost its indentation is not echoed',
    lines: ['recalc:', '  ip: a.example', 'password: Lost-Secret-9'],
    line: 3,
    key: 'password',
    message: /"password" is at the top level, where profile names go/,
    secret: 'Lost-Secret-9',
    loads: ['recalc'],
  },
  {
    name: 'unknown key is a warning with a suggestion',
    lines: ['recalc:', '  ip: a.example', '  usernme: gw', '  passwrd: Typo-Secret-3'],
    severity: 'warning',
    line: 3,
    key: 'recalc.usernme',
    message: /unknown setting "usernme" in profile "recalc" is ignored; did you mean username\?/,
    secret: 'Typo-Secret-3',
    loads: ['recalc'],
  },
  {
    name: 'tls_insecure is a warning',
    lines: ['recalc:', '  ip: a.example', '  port: 8883', '  tls_insecure: true'],
    severity: 'warning',
    line: 4,
    key: 'recalc.tls_insecure',
    message: /certificate verification is off/,
    loads: ['recalc'],
  },
  {
    name: 'empty file',
    lines: ['# nothing here yet'],
    severity: 'warning',
    line: null,
    key: null,
    message: /no profiles/,
  },
];

describe('loadSettingsFile: broken files', () => {
  it.each(CASES)('$name', (testCase) => {
    const file = writeSettings(testCase.lines);
    const loaded = loadSettingsFile(file);
    const first = loaded.problems[0];
    expect(first, JSON.stringify(loaded.problems)).toBeDefined();
    expect(first).toMatchObject({
      severity: testCase.severity ?? 'error',
      file,
      line: testCase.line,
      key: testCase.key,
    });
    expect(first?.message).toMatch(testCase.message);
    expect(loaded.profiles.map((p) => p.name)).toEqual(testCase.loads ?? []);
    if (testCase.secret) expect(JSON.stringify(loaded.problems)).not.toContain(testCase.secret);
  });

  it('reports a missing file with the OS reason and no line or key', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gw-settings-')), 'absent.yaml');
    const loaded = loadSettingsFile(file);
    expect(loaded.profiles).toEqual([]);
    expect(loaded.problems).toEqual([
      {
        severity: 'error',
        file,
        line: null,
        key: null,
        message: 'cannot read the settings file: no such file or folder (ENOENT)',
      },
    ]);
  });

  it('never throws, whatever readFile does', () => {
    const loaded = loadSettingsFile('relative.yaml', {
      readFile: () => {
        throw new Error('disk on fire');
      },
    });
    expect(loaded.file).toBe(path.resolve('relative.yaml'));
    expect(loaded.problems[0]?.message).toBe('cannot read the settings file: disk on fire');
  });

  it('reports every problem of a profile, not just the first', () => {
    const file = writeSettings(['recalc:', '  port: 0', '  qos: 9', '  transport: udp']);
    const keys = loadSettingsFile(file).problems.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['recalc.ip', 'recalc.port', 'recalc.qos', 'recalc.transport']),
    );
  });

  it('warns about a password without username and TLS options with TLS off', () => {
    const file = writeSettings([
      'recalc:',
      '  ip: a.example',
      '  password: x',
      '  tls: false',
      '  servername: a',
    ]);
    const loaded = loadSettingsFile(file);
    expect(loaded.profiles).toHaveLength(1);
    expect(loaded.problems).toEqual([
      expect.objectContaining({ severity: 'warning', key: 'recalc.password', line: 3 }),
      expect.objectContaining({ severity: 'warning', key: 'recalc.servername', line: 5 }),
    ]);
  });
});

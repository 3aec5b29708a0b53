import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startTestBroker,
  type TestBroker,
  type TestBrokerOptions,
} from '../../core/mqtt/test-support/aedes-broker';
import { makeTestCertificates, type TestCertificates } from '../../core/mqtt/test-support/certs';
import { APP_ROOT } from '../paths';

// `npm run --silent cli -- connect …` as a user runs it, against in-process Aedes brokers.

const PASSWORD = 'Sup3r-Secret-pw!';
let dir: string;
let certs: TestCertificates;
let plain: TestBroker;
let secure: TestBroker;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-connect-'));
  certs = makeTestCertificates(fs.mkdtempSync(path.join(dir, 'certs-')));
  const authenticate: TestBrokerOptions['authenticate'] = (_c, username, password, done) =>
    username === 'gw' && password?.toString() === PASSWORD
      ? done(null, true)
      : done(Object.assign(new Error('bad login'), { returnCode: 4 as const }), false);
  plain = await startTestBroker({ authenticate });
  secure = await startTestBroker({
    authenticate,
    tls: { cert: fs.readFileSync(certs.server.cert), key: fs.readFileSync(certs.server.key) },
  });
});
afterAll(async () => {
  await plain.close();
  await secure.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function settings(yaml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(dir, 's-')), 'secrets.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: APP_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      expect(stdout + stderr).not.toContain(PASSWORD);
      resolve({ code, stdout, stderr });
    });
  });
}

function oneJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const profile = (port: number, password = PASSWORD, extra = '') =>
  `lab:\n  ip: 127.0.0.1\n  port: ${port}\n  tls: false\n  username: gw\n  password: "${password}"\n${extra}`;

describe('cli connect', { timeout: 60_000 }, () => {
  it('prints the accepted outcome as one JSON line and exits 0', async () => {
    const { code, stdout, stderr } = await cli(
      'connect',
      '--settings',
      settings(profile(plain.port)),
      '--profile',
      'lab',
    );
    expect(code).toBe(0);
    const line = oneJsonLine(stdout);
    expect(Object.keys(line)).toEqual(['ok', 'code', 'protocolVersion', 'text', 'hint', 'error', 'tls']);
    expect(line).toEqual({
      ok: true,
      code: 0,
      protocolVersion: 4,
      text: 'Connection accepted.',
      hint: null,
      error: null,
      tls: null,
    });
    expect(stderr).toContain('connected');
  });

  it('reports TLS details with ca_file', async () => {
    const yaml = `lab:\n  ip: localhost\n  port: ${secure.port}\n  tls: true\n  ca_file: ${certs.ca}\n  username: gw\n  password: "${PASSWORD}"\n`;
    const { code, stdout } = await cli('connect', '--settings', settings(yaml), '--profile', 'lab');
    expect(code).toBe(0);
    expect(oneJsonLine(stdout)).toMatchObject({
      ok: true,
      tls: { protocol: 'TLSv1.3', authorized: true, peer: { subject: 'CN=localhost' } },
    });
  });

  it('exits 3 with the code in words for a wrong password', async () => {
    const file = settings(profile(plain.port, 'wrong-password'));
    const { code, stdout, stderr } = await cli('connect', '--settings', file, '--profile', 'lab');
    expect(code).toBe(3);
    const line = oneJsonLine(stdout);
    expect(line).toMatchObject({
      ok: false,
      code: 4,
      error: null,
      text: expect.stringMatching(/bad user name or password/),
    });
    expect(line.hint).toMatch(/password/);
    expect(stderr).not.toContain('wrong-password');
  });

  it('exits 4 with ECONNREFUSED when nothing listens on the port', async () => {
    const { code, stdout } = await cli(
      'connect',
      '--settings',
      settings(profile(await freePort())),
      '--profile',
      'lab',
    );
    expect(code).toBe(4);
    expect(oneJsonLine(stdout)).toMatchObject({
      ok: false,
      code: null,
      error: { code: 'ECONNREFUSED' },
      hint: expect.stringMatching(/port/),
    });
  });

  it('exits 4 on a TLS failure (no ca_file for a private CA)', async () => {
    const yaml = `lab:\n  ip: 127.0.0.1\n  port: ${secure.port}\n  tls: true\n`;
    const { code, stdout } = await cli(
      'connect',
      '--settings',
      settings(yaml),
      '--profile',
      'lab',
      '--timeout',
      '5',
    );
    expect(code).toBe(4);
    expect(oneJsonLine(stdout)).toMatchObject({
      ok: false,
      error: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    });
  });

  it('exits 2 for an unknown profile, naming the file and the profiles it has', async () => {
    const file = settings(profile(plain.port));
    const { code, stdout, stderr } = await cli('connect', '--settings', file, '--profile', 'nope');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`no profile "nope" in ${file}`);
    expect(stderr).toContain('lab');
  });

  it('exits 2 for a broken profile, with file:line and key', async () => {
    const file = settings(profile(plain.port, PASSWORD, '  qos: 7\n'));
    const { code, stderr } = await cli('connect', '--settings', file, '--profile', 'lab');
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:7 lab.qos:`);
  });

  it('exits 2 without --profile or with a bad --timeout', async () => {
    const file = settings(profile(plain.port));
    expect((await cli('connect', '--settings', file)).code).toBe(2);
    expect((await cli('connect', '--settings', file, '--profile', 'lab', '--timeout', 'soon')).code).toBe(2);
  });
});

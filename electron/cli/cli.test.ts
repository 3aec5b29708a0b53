import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from './paths';
import { runCliCaptured } from './test-support';

const cli = (...argv: string[]) => runCliCaptured(argv);

function settingsFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-cli-'));
  const file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(file, content);
  return file;
}

describe('cli profiles', () => {
  it('prints the demo and each file profile as JSON lines, secrets only as set / not set', async () => {
    const file = settingsFile(
      'recalc:\n  ip: broker.example.com\n  port: 8883\n  username: gw\n  password: "p@ss-123"\n',
    );
    const { code, stdout, stderr } = await cli('profiles', '--settings', file);
    expect(code).toBe(0);
    expect(stdout).toMatchObject([
      { name: 'demo', demo: true },
      {
        name: 'recalc',
        host: 'broker.example.com',
        port: 8883,
        tls: true,
        username: 'gw',
        hasPassword: true,
      },
    ]);
    expect(JSON.stringify(stdout) + stderr).not.toContain('p@ss-123');
  });

  it('lists the good profiles, reports problems with file:line key on stderr and exits 2', async () => {
    const file = settingsFile('good:\n  ip: a.example\nbad:\n  ip: b.example\n  qos: 7\n');
    const { code, stdout, stderr } = await cli('profiles', '--settings', file);
    expect(code).toBe(2);
    expect(stdout.map((p) => (p as { name: string }).name)).toEqual(['demo', 'good']);
    expect(stderr).toContain(`error: ${file}:5 bad.qos:`);
  });

  it('explains a missing settings file', async () => {
    const { code, stdout, stderr } = await cli('profiles', '--settings', '/nonexistent/secrets.yaml');
    expect(code).toBe(2);
    expect(stdout).toHaveLength(1);
    expect(stderr).toMatch(/\/nonexistent\/secrets\.yaml.*cannot read/);
  });
});

describe('cli usage', () => {
  it('lists the commands of the design on --help, on stdout, exit 0', async () => {
    const { code, text } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['profiles', 'decode', 'connect', 'run', 'web'])
      expect(text).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('exits 2 with a message on an unknown command or option', async () => {
    expect(await cli('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown command 'frobnicate'"),
    });
    expect(await cli('profiles', '--nope')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--nope'),
    });
    expect(await cli()).toMatchObject({ code: 2 });
  });

  it('refuses a link mode or meter run cannot use before starting anything', async () => {
    const run = (...more: string[]) => cli('run', '--profile', 'demo', '--port', 'virtual', ...more);
    expect(await run('--link-mode', 'c3')).toMatchObject({
      code: 2,
      stdout: [],
      stderr: expect.stringMatching(/--link-mode must be one of s1, s1m, .*c1a.*c1t1; got "c3"/),
    });
    expect(await run('--meter', '3266685=00')).toMatchObject({
      code: 2,
      stdout: [],
      stderr: expect.stringContaining('"3266685" has 7 digits'),
    });
  });

  it('works as the README says: npm run --silent cli -- profiles', () => {
    const file = settingsFile('recalc:\n  ip: broker.example.com\n');
    const run = spawnSync('npm', ['run', '--silent', 'cli', '--', 'profiles', '--settings', file], {
      cwd: APP_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string });
    expect(lines.map((l) => l.name)).toEqual(['demo', 'recalc']);
  });
});

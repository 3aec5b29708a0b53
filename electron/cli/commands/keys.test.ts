import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MeterStore, type SecretBox } from '../../core/gateway';
import {
  kemFile,
  manyMeters,
  meterListXml,
  SAMPLE_KEYS,
  SAMPLE_METERS,
  SAMPLE_PASSWORD,
  zipArchive,
} from '../../core/kem/test-support/kem-writer';
import type { CliIo } from '../io';
import type { JsonLine } from '../test-support';
import { runCliCaptured } from '../test-support';
import { runKeys, type PasswordSource } from './keys';

// `keys import` in-process, with stdin played by a stream: output lines, exit codes, the password
// from a pipe or a prompt, and the replace rules against the user-data store.

const PASSWORD = SAMPLE_PASSWORD;
const { a: KEY_A, b: KEY_B } = SAMPLE_KEYS;
const METERS = SAMPLE_METERS;

function scratch(bytes: Buffer, name = 'order.kem'): { file: string; userData: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-keys-'));
  fs.writeFileSync(path.join(dir, name), bytes);
  return { file: path.join(dir, name), userData: path.join(dir, 'user-data') };
}

interface Captured {
  code: number;
  stdout: JsonLine[];
  stderr: string;
  prompt: string;
}

async function keys(argv: string[], stdin: PasswordSource['stdin'] = Readable.from([])): Promise<Captured> {
  const stdout: JsonLine[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    out: (value) => stdout.push(value as JsonLine),
    text: () => undefined,
    raw: async () => undefined,
    err: (text) => stderr.push(text),
  };
  const prompt = new PassThrough();
  let shown = '';
  prompt.on('data', (c: Buffer) => (shown += c.toString()));
  let code: number;
  try {
    code = await runKeys(argv, io, {}, { stdin, prompt });
  } catch (error) {
    // What dispatch does with a usage error.
    stderr.push(`error: ${(error as Error).message}`);
    code = 2;
  }
  return { code, stdout, stderr: stderr.join('\n'), prompt: shown };
}

/** Puts a meter in the store with this key, as the app (or a hand) would have. */
const monitor = (target: MeterStore, deviceId: string, key: string) =>
  target.put({
    deviceId,
    manufacturerKey: 'kam',
    encryptionKey: Buffer.from(key, 'hex'),
    manufacturerDeviceKey: null,
  });

const piped = (text: string) => Readable.from([Buffer.from(text)]);
const store = (userData: string, box?: SecretBox) =>
  new MeterStore({ file: path.join(userData, 'meters.json'), ...(box ? { box } : {}) });

describe('keys import', () => {
  it('imports every meter with --password-stdin: one JSON line each, no key, exit 0', async () => {
    const { file, userData } = scratch(kemFile('MetersInOrder', METERS, PASSWORD));
    const run = await keys(
      ['import', file, '--password-stdin', '--user-data', userData],
      piped(`${PASSWORD}\n`),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      { id: '32666857', model: 'OmniPower', type: 'Electricity', imported: true, reason: null },
      { id: '67203915', model: 'MC21', type: 'ColdWater', imported: true, reason: null },
    ]);
    expect(run.stderr).toMatch(
      /2 of 2 meters imported into .*meters\.json \(keys protected by file permissions\)/,
    );
    const saved = store(userData);
    expect(saved.list().map((m) => [m.deviceId, m.source, m.manufacturerDeviceKey])).toEqual([
      ['32666857', 'kem', 'OmniPower'],
      ['67203915', 'kem', 'MC21'],
    ]);
    expect(saved.keyFor('67203915')).toEqual(Buffer.from(KEY_B, 'hex'));
    expect(JSON.stringify(run).toUpperCase()).not.toContain(KEY_A.slice(0, 8));
  });

  it('a wrong password: exit 2, "wrong password" in words, nothing imported', async () => {
    const { file, userData } = scratch(kemFile('Devices', METERS, PASSWORD));
    const run = await keys(
      ['import', file, '--password-stdin', '--user-data', userData],
      piped('kunde-4711'),
    );
    expect(run).toMatchObject({ code: 2, stdout: [] });
    expect(run.stderr).toMatch(/error: .*order\.kem: Wrong password: /);
    expect(fs.existsSync(path.join(userData, 'meters.json'))).toBe(false);
  });

  it('bad input: not a KEM file, a missing file, or no way to get the password: exit 2', async () => {
    const html = scratch(Buffer.from('<html><body>404</body></html>'), 'order.kem');
    expect(await keys(['import', html.file, '--password-stdin'], piped(PASSWORD))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/This is not a KEM file: it looks like an HTML page/),
    });
    expect(await keys(['import', '/nonexistent/order.kem'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot read \/nonexistent\/order\.kem: ENOENT/),
    });
    const { file } = scratch(kemFile('Devices', METERS, PASSWORD));
    expect(await keys(['import', file])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /is encrypted: pass its password on stdin with --password-stdin .* or run the command in a terminal/,
      ),
    });
    expect((await keys(['export', file])).stderr).toMatch(/keys has one action: keys import FILE/);
    expect((await keys(['import'])).stderr).toMatch(/keys import takes one file/);
  });

  it('asks on a terminal without echoing what is typed (backspace works)', async () => {
    const { file, userData } = scratch(
      zipArchive([{ name: 'x/order.kem2', data: kemFile('Devices', METERS, PASSWORD), method: 'deflated' }]),
      'order.zip',
    );
    const terminal = Object.assign(new PassThrough(), {
      isTTY: true,
      raw: false,
      setRawMode(this: { raw: boolean }, raw: boolean) {
        this.raw = raw;
      },
    });
    const running = keys(['import', file, '--user-data', userData], terminal);
    terminal.write(`${PASSWORD}X`);
    terminal.write('\u007f\r');
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.prompt).toBe(`Password of ${file}: \n`);
    expect(terminal.raw).toBe(false);
    expect(run.stdout).toHaveLength(2);
  });

  it('a meter known with another key is kept unless --replace; the same key again counts as imported', async () => {
    const { file, userData } = scratch(kemFile('MetersInOrder', METERS, PASSWORD));
    const before = store(userData);
    monitor(before, '32666857', KEY_A);
    monitor(before, '67203915', KEY_A);
    const run = await keys(['import', file, '--password-stdin', '--user-data', userData], piped(PASSWORD));
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      {
        id: '32666857',
        model: 'OmniPower',
        type: 'Electricity',
        imported: true,
        reason: 'already monitored with this key',
      },
      {
        id: '67203915',
        model: 'MC21',
        type: 'ColdWater',
        imported: false,
        reason: 'known with another key; --replace to replace it',
      },
    ]);
    expect(store(userData).keyFor('67203915')).toEqual(Buffer.from(KEY_A, 'hex'));
    const replaced = await keys(
      ['import', file, '--password-stdin', '--replace', '--user-data', userData],
      piped(PASSWORD),
    );
    expect(replaced.stdout[1]).toMatchObject({
      id: '67203915',
      imported: true,
      reason: 'replaced the key it was monitored with',
    });
    expect(store(userData).keyFor('67203915')).toEqual(Buffer.from(KEY_B, 'hex'));
  });

  it('nothing imported (every meter refused) is exit 2, with the reasons on the lines', async () => {
    const { file, userData } = scratch(
      kemFile(
        'MetersInOrder',
        [
          { id: '123', key: KEY_A },
          { id: '11112222', key: 'ABC' },
        ],
        PASSWORD,
      ),
    );
    const run = await keys(['import', file, '--password-stdin', '--user-data', userData], piped(PASSWORD));
    expect(run.code).toBe(2);
    expect(run.stdout.map((l) => [l['id'], l['imported']])).toEqual([
      ['123', false],
      ['11112222', false],
    ]);
    expect(run.stdout[1]!['reason']).toMatch(/The key \(DEK\) of meter 11112222 is 32 hex digits/);
    expect(run.stderr).toMatch(/nothing was imported/);
  });

  it('an unencrypted list needs no password, and says that anyone could read it', async () => {
    const { file, userData } = scratch(Buffer.from(meterListXml('MetersInOrder', METERS)));
    const run = await keys(['import', file, '--user-data', userData]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/is not encrypted: anyone who had the file could read its keys/);
  });

  it('without a keychain, keeps the keychain-sealed meters and asks before replacing one of them', async () => {
    const { file, userData } = scratch(kemFile('MetersInOrder', METERS, PASSWORD));
    const secret = crypto.randomBytes(32);
    const keychain: SecretBox = {
      protection: 'os-keychain',
      seal: (plain) =>
        Buffer.concat([
          Buffer.from('kc:'),
          crypto.createHash('sha256').update(secret).digest().subarray(0, 4),
          plain.map((b) => b ^ 0x5a),
        ]),
      open: (sealed) => Buffer.from(sealed.subarray(7).map((b) => b ^ 0x5a)),
    };
    monitor(store(userData, keychain), '67203915', KEY_A);
    const run = await keys(['import', file, '--password-stdin', '--user-data', userData], piped(PASSWORD));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: .*the keys of meter 67203915 were sealed with the OS keychain, which this process cannot open/,
    );
    expect(run.stdout.map((l) => [l['id'], l['imported'], l['reason']])).toEqual([
      ['32666857', true, null],
      ['67203915', false, 'known with another key; --replace to replace it'],
    ]);
    // The app, with its keychain, still has the meter it sealed, and the one imported here.
    const app = store(userData, keychain);
    expect(app.keyFor('67203915')).toEqual(Buffer.from(KEY_A, 'hex'));
    expect(app.keyFor('32666857')).toEqual(Buffer.from(KEY_A, 'hex'));
  });

  it('refuses to write over a meters.json it cannot read', async () => {
    const { file, userData } = scratch(kemFile('MetersInOrder', METERS, PASSWORD));
    fs.mkdirSync(userData);
    fs.writeFileSync(path.join(userData, 'meters.json'), '{ "half a file');
    const run = await keys(['import', file, '--password-stdin', '--user-data', userData], piped(PASSWORD));
    expect(run).toMatchObject({ code: 2, stdout: [] });
    expect(run.stderr).toMatch(
      /the saved meters cannot be read .*\n.*nothing was imported: move or repair .*meters\.json first/s,
    );
    expect(fs.readFileSync(path.join(userData, 'meters.json'), 'utf8')).toBe('{ "half a file');
  });

  it('imports 500 meters', async () => {
    const meters = manyMeters(500);
    const { file, userData } = scratch(kemFile('Devices', meters, PASSWORD));
    const run = await keys(['import', file, '--password-stdin', '--user-data', userData], piped(PASSWORD));
    expect(run.code).toBe(0);
    expect(run.stdout.filter((l) => l['imported'])).toHaveLength(500);
    expect(store(userData).list()).toHaveLength(500);
  });

  it('is listed in the help and dispatched as `keys`', async () => {
    const help = await runCliCaptured(['--help']);
    expect(help.text).toMatch(
      /^ {2}keys import FILE \[--password-stdin\] \[--replace\] \[--user-data DIR\]$/m,
    );
    const usage = await runCliCaptured(['keys', 'import']);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringMatching(/keys import takes one file/) });
  });
});

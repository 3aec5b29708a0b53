import { describe, expect, it } from 'vitest';
import { cliArguments, cliHost } from './cli-mode';

const INSTALLED = 'C:\\Program Files\\Gateway Diagnostics\\Gateway Diagnostics.exe';
const ELECTRON = '/repo/node_modules/electron/dist/electron';

describe('cliArguments: is this start the command line, and with what', () => {
  it('takes what follows --cli in the installed app', () => {
    expect(cliArguments([INSTALLED, '--cli', 'decode', '--key', 'AB', 'a582'])).toEqual([
      'decode',
      '--key',
      'AB',
      'a582',
    ]);
  });

  it('takes what follows --cli in development, where argv[1] is the app folder', () => {
    expect(cliArguments([ELECTRON, '.', '--cli', 'profiles', '--settings', 's.yaml'])).toEqual([
      'profiles',
      '--settings',
      's.yaml',
    ]);
    expect(cliArguments([ELECTRON, '/repo', '--cli', '--help'])).toEqual(['--help']);
  });

  it('is null without --cli: the window opens, whatever else is on the command line', () => {
    expect(cliArguments([INSTALLED])).toBeNull();
    expect(cliArguments([ELECTRON, '.'])).toBeNull();
    expect(cliArguments([INSTALLED, '--no-sandbox', 'decode'])).toBeNull();
    // Only the switch itself counts, not look-alikes.
    expect(cliArguments([INSTALLED, '--cli=decode'])).toBeNull();
    expect(cliArguments([INSTALLED, '--clip'])).toBeNull();
  });

  it('leaves Chromium switches before --cli to Chromium and hands later ones to the command', () => {
    expect(cliArguments([INSTALLED, '--no-sandbox', '--ozone-platform=headless', '--cli', 'decode'])).toEqual(
      ['decode'],
    );
    // After --cli everything is the command's, even a second --cli or a Chromium-looking switch.
    expect(cliArguments([INSTALLED, '--cli', 'decode', '--no-sandbox', '--cli'])).toEqual([
      'decode',
      '--no-sandbox',
      '--cli',
    ]);
  });

  it('drops one -- right after --cli (the Windows launcher passes --cli -- %*)', () => {
    expect(cliArguments([INSTALLED, '--cli', '--', 'decode', 'a5:82:03'])).toEqual(['decode', 'a5:82:03']);
    expect(cliArguments([INSTALLED, '--cli', '--', '--', 'x'])).toEqual(['--', 'x']);
    // A -- further on belongs to the command.
    expect(cliArguments([INSTALLED, '--cli', 'decode', '--', 'x'])).toEqual(['decode', '--', 'x']);
  });

  it('gives an empty command for a bare --cli, which the CLI answers with its usage (exit 2)', () => {
    expect(cliArguments([INSTALLED, '--cli'])).toEqual([]);
    expect(cliArguments([INSTALLED, '--cli', '--'])).toEqual([]);
  });

  it('never reads argv[0], the program path', () => {
    expect(cliArguments(['--cli', 'decode'])).toBeNull();
  });
});

describe('cliHost: what the app lends a command', () => {
  it('tells commands on Windows that there is no stdin to read, and lends nothing elsewhere', () => {
    expect(cliHost('win32').noStdin).toMatch(/cannot read stdin on Windows/);
    expect(cliHost('linux')).toEqual({});
    expect(cliHost('darwin')).toEqual({});
  });
});

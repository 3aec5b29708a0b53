// The fuses are flipped by an afterPack hook (electron-builder 25 has no electronFuses option). Electron
// cannot be downloaded here, so the hook runs on a file holding a real-format fuse wire.
import fuses from '@electron/fuses';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack, { electronBinaryPath, FUSE_SETTINGS } from '../../build/after-pack-fuses.mjs';

const { FuseV1Options, getCurrentFuseWire } = fuses;
const root = path.resolve(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 0x31;
const DISABLE = 0x30;

/** Electron's default wire for version 1 with 8 fuses: everything on except the last three. */
function fakeElectronBinary(file: string): void {
  const wire = Buffer.from([1, 8, ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE]);
  const filler = Buffer.alloc(4096, 0xcc);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([filler, Buffer.from(SENTINEL, 'latin1'), wire, filler]));
}

const context = (appOutDir: string, electronPlatformName: string) => ({
  appOutDir,
  electronPlatformName,
  arch: 1,
  packager: { executableName: 'gateway-diagnostics', appInfo: { productFilename: 'Gateway Diagnostics' } },
});

let tmp: string | undefined;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe('Electron fuses', () => {
  it('are set by the afterPack hook named in electron-builder.yml', () => {
    const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      afterPack: string;
    };
    expect(path.resolve(root, config.afterPack)).toBe(path.join(root, 'build/after-pack-fuses.mjs'));
  });

  it('turn run-as-node, NODE_OPTIONS and --inspect off, asar integrity and asar-only on', () => {
    expect(FUSE_SETTINGS).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('are really flipped in the packed Linux binary, other fuses left as they were', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    const binary = path.join(tmp, 'gateway-diagnostics');
    fakeElectronBinary(binary);
    await afterPack(context(tmp, 'linux'));
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLE);
  });

  it('fail the build when the binary has no fuse wire', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
    fs.writeFileSync(path.join(tmp, 'gateway-diagnostics'), Buffer.alloc(1024));
    await expect(afterPack(context(tmp, 'linux'))).rejects.toThrow(/sentinel/);
  });

  it('find the binary of each platform', () => {
    expect(electronBinaryPath(context('/o', 'win32'))).toBe(path.join('/o', 'Gateway Diagnostics.exe'));
    expect(electronBinaryPath(context('/o', 'darwin'))).toBe(path.join('/o', 'Gateway Diagnostics.app'));
    expect(electronBinaryPath(context('/o', 'linux'))).toBe(path.join('/o', 'gateway-diagnostics'));
  });
});

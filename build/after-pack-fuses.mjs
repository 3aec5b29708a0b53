// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing.
// electron-builder 25 has no `electronFuses` option (26 does, but needs Node 22).
import fuses from '@electron/fuses';
import path from 'node:path';

const { flipFuses, FuseV1Options, FuseVersion } = fuses;

/** The fuse settings, by option name; builder-config.test.ts checks them and flips a real wire. */
export const FUSE_SETTINGS = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

/** Where the fuse wire lives in the packed app of each platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

// electron-builder's Arch enum: arm64 is 3.
const ARM64 = 3;

export default async function afterPack(context) {
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSE_SETTINGS)) {
    const option = FuseV1Options[name];
    if (option === undefined) throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[option] = value;
  }
  // Apple Silicon refuses a binary whose ad-hoc signature no longer matches; signing comes later.
  config.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === ARM64;
  await flipFuses(electronBinaryPath(context), config);
}

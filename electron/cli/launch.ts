// `npm start`: open the Electron window; where Electron's runtime cannot be had (an offline machine),
// say so in one sentence and serve the same UI through the web bridge instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { settingsFlag } from '../core/settings';
import { serveWeb } from './commands/web';
import { processIo } from './io';
import { APP_ROOT } from './paths';

const resolver = createRequire(import.meta.url);

/** Where npm's electron package keeps its runtime, as recorded in its path.txt (no Electron import). */
function installedElectron(): string | null {
  const packageDir = path.dirname(resolver.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/** The Electron binary, downloading it once if npm skipped electron's install script (see .npmrc). */
function electronBinary(): string | null {
  const found = installedElectron();
  if (found) return found;
  const installer = path.join(path.dirname(resolver.resolve('electron/package.json')), 'install.js');
  processIo.err("Fetching Electron's runtime (first start only)…");
  const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 });
  return result.status === 0 ? installedElectron() : null;
}

async function main(): Promise<void> {
  const passThrough = process.argv.slice(2);
  const binary = electronBinary();
  if (binary) {
    const child = spawn(binary, [APP_ROOT, ...passThrough], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  processIo.err(
    "Electron's runtime could not be downloaded on this machine, so the app is served to your browser instead:",
  );
  const served = await serveWeb(
    { port: 0, settings: settingsFlag(passThrough), seedSettings: true },
    processIo,
  );
  const stop = () => void served.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  processIo.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

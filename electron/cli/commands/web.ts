import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createAppCore, readPackageInfo } from '../../core/app/app-core';
import { startWebBridge, type WebBridge } from '../../core/bridge/web-server';
import { createStreamLogger } from '../../core/logger';
import { UsageError, type CliIo } from '../io';
import { PACKAGE_JSON, RENDERER_DIR } from '../paths';
import { findSettings, userDataDir } from '../settings-location';

export interface WebOptions {
  port: number;
  settings: string | undefined;
  /** Seed the user-data settings on first run, as the app does (`npm start`'s browser fallback). */
  seedSettings?: boolean;
}

export function parseWebArgs(argv: string[]): WebOptions {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, settings: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}.`,
    );
  }
  return { port, settings: values.settings };
}

/** Starts the core and the web bridge; resolves with the bridge once it is listening. */
export async function serveWeb(
  options: WebOptions,
  io: CliIo,
): Promise<{ bridge: WebBridge; stop(): Promise<void> }> {
  if (!fs.existsSync(`${RENDERER_DIR}/index.html`)) {
    throw new UsageError(`The UI is not built (${RENDERER_DIR} is missing): run \`npm run build\` first.`);
  }
  const location = findSettings(options.settings, { seed: options.seedSettings });
  if (location.seed?.seeded)
    io.err(`Created ${location.seed.path} from the example: edit it to add your broker.`);
  if (location.seed?.error) io.err(`Could not create ${location.seed.path}: ${location.seed.error}`);
  const trusted = new Set<string>();
  const core = createAppCore({
    ...readPackageInfo(PACKAGE_JSON),
    settingsPath: location.path,
    settingsSource: location.source,
    isTrustedOrigin: (origin) => origin !== null && trusted.has(origin),
    logger: createStreamLogger(io.err),
    userDataDir: userDataDir(),
    // As in the window: an edited settings file is re-read without pressing Reload.
    watchSettings: true,
  });
  const bridge = await startWebBridge({
    root: RENDERER_DIR,
    router: core.router,
    events: core.events,
    port: options.port,
  });
  for (const origin of bridge.origins) trusted.add(origin);
  io.out({ event: 'listening', url: bridge.url, port: bridge.port, settings: location.path });
  io.err(`Gateway Diagnostics is served at ${bridge.url}\nOpen it in a browser; press Ctrl+C to stop.`);
  return {
    bridge,
    async stop() {
      await bridge.close();
      await core.dispose();
    },
  };
}

/** `web [--port N] [--settings FILE]`: serve until SIGINT/SIGTERM. */
export async function webCommand(argv: string[], io: CliIo): Promise<number> {
  const served = await serveWeb(parseWebArgs(argv), io);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.stop();
  return 0;
}

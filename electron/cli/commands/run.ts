import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LinkMode } from '../../../shared/link-modes';
import { launchGateway } from '../../core/app/launch-gateway';
import { GatewayError, type GatewayEvent, type GatewayRuntime } from '../../core/gateway';
import { createStreamLogger } from '../../core/logger';
import { parseMeterKey } from '../meter-args';
import { outboxFileFor } from '../../core/mqtt';
import type { CliHost } from '../host';
import { UsageError, type CliIo } from '../io';
import { findProfile } from '../profile-lookup';
import { linkModeArg, stickArg, virtualIntervalArg } from '../stick-args';
import type { StickChoice } from '../../../shared/stick-kinds';
import { userDataDir } from '../settings-location';
import { metersForRun } from '../user-meters';
import { startRunCapture } from '../capture-option';

interface RunOptions {
  settings: string | undefined;
  profile: string;
  port: string;
  stick: StickChoice;
  meters: Array<{ id: string; key: Buffer }>;
  linkMode: LinkMode;
  outbox: string | null | undefined;
  flushSeconds: number;
  virtualIntervalMs: number | undefined;
  userData: string | undefined;
  capture: string | undefined;
}

function parseRunArgs(argv: string[]): RunOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      settings: { type: 'string' },
      profile: { type: 'string' },
      port: { type: 'string' },
      stick: { type: 'string' },
      meter: { type: 'string', multiple: true },
      'link-mode': { type: 'string' },
      outbox: { type: 'string' },
      'flush-timeout': { type: 'string' },
      'virtual-interval-ms': { type: 'string' },
      'user-data': { type: 'string' },
      capture: { type: 'string' },
    },
  });
  if (!values.profile)
    throw new UsageError('run needs --profile NAME (demo, or a profile of --settings FILE)');
  if (!values.port)
    throw new UsageError('run needs --port PATH (the stick, e.g. /dev/ttyUSB0) or --port virtual');
  const linkMode = linkModeArg(values['link-mode']);
  const flushSeconds = Number(values['flush-timeout'] ?? 10);
  if (!Number.isFinite(flushSeconds) || flushSeconds < 0)
    throw new UsageError('--flush-timeout must be seconds ≥ 0');
  const interval = virtualIntervalArg(values['virtual-interval-ms']);
  return {
    settings: values.settings,
    profile: values.profile,
    port: values.port,
    stick: stickArg(values.stick),
    meters: (values.meter ?? []).map(parseMeterKey),
    linkMode,
    outbox: values.outbox === 'none' ? null : values.outbox,
    flushSeconds,
    virtualIntervalMs: interval,
    userData: values['user-data'],
    capture: values.capture,
  };
}

/** One JSON line per event; secrets never appear in these (keys are not part of any event). */
function describeEvent(event: GatewayEvent): object {
  if (event.event === 'command-refused')
    return { event: 'error', source: 'command', at: event.at, message: event.error };
  if (event.event === 'echo-unavailable')
    return { event: 'error', source: 'echo', at: event.at, message: event.reason };
  return event;
}

/**
 * `run --settings FILE --profile NAME --port PATH|virtual [--stick im871a|iu891a|auto] [--meter ID=KEY]… [--link-mode c1a] [--user-data DIR]`: the
 * headless gateway. Prints one JSON line per event, rides out broker restarts and stick unplugs,
 * and on SIGINT/SIGTERM flushes what it can and exits 0.
 */
export async function runCommand(argv: string[], io: CliIo, host: CliHost = {}): Promise<number> {
  const options = parseRunArgs(argv);
  const profile = findProfile(options.settings, options.profile, io, { allowDemo: true });
  if (!profile) return 2;
  const logger = createStreamLogger((line) => io.err(line.trimEnd()), 'warn');
  const userData = userDataDir(options.userData);
  let runtime: GatewayRuntime;
  let stickReady: () => void = () => undefined;
  try {
    runtime = await launchGateway({
      profile,
      port: options.port,
      stick: options.stick,
      linkMode: options.linkMode,
      onStickReady: () => stickReady(),
      // The demo monitors its own meters unless --meter names others; any other profile monitors the
      // user-data meters (added or imported in the app, or by `keys import`) and those of --meter.
      meters:
        profile.demo && options.meters.length === 0
          ? null
          : metersForRun(profile.demo ? null : userData, host, options.meters, io),
      ...(options.meters.length > 0 ? { simulatedMeters: options.meters } : {}),
      ...(options.virtualIntervalMs ? { virtualIntervalMs: options.virtualIntervalMs } : {}),
      outboxFile:
        options.outbox === undefined
          ? outboxFileFor(path.join(userData, 'outbox'), profile.name)
          : options.outbox,
      logger,
    });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    io.err(`error: ${error.message}`);
    return 2;
  }

  const capture = await startRunCapture(runtime, options.capture, io);
  runtime.pipeline.onEvent((event) => io.out(describeEvent(event)));
  runtime.session.on('state', (status) => {
    const outcome = status.outcome;
    const line = {
      event: status.state === 'connected' ? 'connected' : 'session',
      at: status.at,
      state: status.state,
    };
    io.out(
      outcome
        ? {
            ...line,
            code: outcome.code,
            text: outcome.text,
            hint: outcome.hint,
            error: outcome.error,
            outbox: status.outbox.count,
          }
        : line,
    );
  });
  runtime.onStickStatus((status) => io.out({ event: 'stick', at: new Date().toISOString(), ...status }));
  // Once per (re)open: which stick answered, and how its kind was known.
  stickReady = () => {
    const info = runtime.stickInfo;
    if (!info) return;
    const { kind, module, firmware, uniqueId } = info;
    const by = runtime.stickDetection?.by ?? null;
    io.out({ event: 'stick-identified', at: new Date().toISOString(), kind, module, firmware, uniqueId, by });
  };
  io.out({
    event: 'starting',
    profile: profile.name,
    broker: `${runtime.profile.host}:${runtime.profile.port}`,
    port: options.port,
    stick: options.stick,
    linkMode: options.linkMode,
    meters: runtime.meters.list().map((m) => m.deviceId),
  });
  runtime.start();

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await flush(runtime, options.flushSeconds);
  const left = runtime.session.snapshot().outbox.count;
  await runtime.stop();
  await capture?.stop();
  io.out({ event: 'stopped', at: new Date().toISOString(), outboxLeft: left });
  return 0;
}

/** Waits (bounded) until the outbox is empty, so a clean stop loses nothing in flight. */
async function flush(runtime: GatewayRuntime, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (
    runtime.session.snapshot().outbox.count > 0 &&
    runtime.session.state === 'connected' &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

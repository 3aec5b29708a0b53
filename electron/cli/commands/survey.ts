import { parseArgs } from 'node:util';
import type { LinkMode } from '../../../shared/link-modes';
import { demoSimulatedMeters } from '../../core/demo';
import { VIRTUAL_PORT } from '../../core/stick';
import { StickLink, TelegramDecoder } from '../../core/gateway';
import { createStreamLogger } from '../../core/logger';
import { MeterSurvey } from '../../core/survey';
import type { CliHost } from '../host';
import { UsageError, type CliIo } from '../io';
import { parseMeterKey } from '../meter-args';
import { linkModeArg, stickArg, virtualIntervalArg } from '../stick-args';
import type { StickChoice } from '../../../shared/stick-kinds';
import { userDataDir } from '../settings-location';
import { metersForRun } from '../user-meters';

/** How long the stick may take to answer before the survey gives up (it retries every 2 s meanwhile). */
const STICK_READY_TIMEOUT_MS = 10_000;

interface SurveyOptions {
  port: string;
  stick: StickChoice;
  seconds: number;
  linkMode: LinkMode;
  meters: Array<{ id: string; key: Buffer }>;
  virtualIntervalMs: number | undefined;
  userData: string | undefined;
}

function parseSurveyArgs(argv: string[]): SurveyOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      stick: { type: 'string' },
      seconds: { type: 'string' },
      'link-mode': { type: 'string' },
      meter: { type: 'string', multiple: true },
      'virtual-interval-ms': { type: 'string' },
      'user-data': { type: 'string' },
    },
  });
  if (!values.port)
    throw new UsageError('survey needs --port PATH (the stick, e.g. /dev/ttyUSB0) or --port virtual');
  const seconds = Number(values.seconds);
  if (values.seconds === undefined || !Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(
      `survey needs --seconds N, a time > 0 to listen; got ${JSON.stringify(values.seconds)}`,
    );
  const linkMode = linkModeArg(values['link-mode']);
  const virtualIntervalMs = virtualIntervalArg(values['virtual-interval-ms']);
  const meters = (values.meter ?? []).map(parseMeterKey);
  const stick = stickArg(values.stick);
  return {
    port: values.port,
    stick,
    seconds,
    linkMode,
    meters,
    virtualIntervalMs,
    userData: values['user-data'],
  };
}

/** Resolves after `ms`, or earlier on SIGINT/SIGTERM (the technician has seen enough). */
function listenFor(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/**
 * `survey --port PATH|virtual --seconds N [--stick im871a|iu891a|auto] [--link-mode c1a] [--meter ID=KEY]… [--user-data DIR]`:
 * opens the stick as `run` does, without a broker, listens N seconds and prints one JSON line per
 * meter heard, monitored or not, with the fields of the UI's "Meters in range" and its exports.
 * Monitored, as for `run`: the user-data meters and those of --meter. The virtual stick plays the
 * demo's meters, neighbours included, and then only --meter counts. Keys never appear in the output.
 */
export async function surveyCommand(argv: string[], io: CliIo, host: CliHost = {}): Promise<number> {
  const options = parseSurveyArgs(argv);
  const logger = createStreamLogger((line) => io.err(line.trimEnd()), 'warn');
  const virtual = options.port === VIRTUAL_PORT;
  const store = metersForRun(virtual ? null : userDataDir(options.userData), host, options.meters, io);
  const decoder = new TelegramDecoder({
    monitored: { has: (id) => store.has(id), get: (id) => store.keyFor(id) },
    fallbackKey: null,
  });
  const survey = new MeterSurvey({ isMonitored: (id) => store.has(id), hasKey: (id) => store.has(id) });
  let ready: () => void = () => undefined;
  const answered = new Promise<boolean>((resolve) => {
    ready = () => resolve(true);
    setTimeout(() => resolve(false), STICK_READY_TIMEOUT_MS).unref();
  });
  const link = new StickLink({
    port: options.port,
    stick: options.stick,
    linkMode: options.linkMode,
    simulatedMeters: virtual ? demoSimulatedMeters() : [],
    virtualIntervalMs: options.virtualIntervalMs,
    logger,
    onReady: () => ready(),
  });
  link.on('telegram', (telegram) =>
    survey.hear({ telegram, outcome: decoder.decode(telegram.frame), at: new Date() }),
  );
  link.start();
  try {
    if (!(await answered)) {
      io.err(
        `error: the stick on ${options.port} did not answer within ${STICK_READY_TIMEOUT_MS / 1000} s` +
          (link.lastProblem ? `: ${link.lastProblem}` : '.'),
      );
      return 1;
    }
    io.err(`listening on ${options.port} (${options.linkMode}) for ${options.seconds} s…`);
    await listenFor(options.seconds * 1000);
  } finally {
    survey.end();
    await link.stop();
  }
  const snapshot = survey.snapshot();
  for (const meter of snapshot.meters) io.out(meter);
  io.err(
    `${snapshot.meters.length} meter(s) heard` +
      (snapshot.evicted > 0 ? `; ${snapshot.evicted} dropped beyond ${snapshot.maxMeters}` : '') +
      (snapshot.unreadable > 0 ? `; ${snapshot.unreadable} frame(s) too short to name a meter` : ''),
  );
  return 0;
}

import { parseArgs } from 'node:util';
import { DEMO_METER } from '../../core/demo';
import { simulatedStick, STICK_BAUD_RATES, type SimulatedMeterSpec, type StickKind } from '../../core/stick';
import { parseMeterKey } from '../meter-args';
import { UsageError, type CliIo } from '../io';
import { stickArg } from '../stick-args';

interface StickSimOptions {
  port: string;
  kind: StickKind;
  meters: SimulatedMeterSpec[];
  intervalMs: number;
  /** Cut what the stick sends into small, irregular writes, as USB-serial adapters deliver them. */
  chunked: boolean;
}

function parseStickSimArgs(argv: string[]): StickSimOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      kind: { type: 'string' },
      meter: { type: 'string', multiple: true },
      'interval-ms': { type: 'string' },
      chunked: { type: 'boolean' },
    },
  });
  if (!values.port) throw new UsageError('--port PATH is required (the far end of a pseudo-terminal pair)');
  const intervalMs = Number(values['interval-ms'] ?? 16_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 1) {
    throw new UsageError(
      `--interval-ms must be a whole number of milliseconds ≥ 1, got ${values['interval-ms']}`,
    );
  }
  // Without --meter: the demo meter, the one `run --profile demo` monitors.
  const meters = (values.meter ?? [`${DEMO_METER.id}=${DEMO_METER.keyHex}`]).map((m) => parseMeterKey(m));
  const kind = stickArg(values.kind, '--kind', false) as StickKind;
  return { port: values.port, kind, meters, intervalMs, chunked: values.chunked ?? false };
}

/** Splits bytes into pieces of 1–9 bytes: partial frames and frames glued together, the framer's daily bread. */
function* chunks(bytes: Buffer, random: () => number): Generator<Buffer> {
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * 9);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/**
 * `stick-sim --port PATH [--kind im871a|iu891a] [--meter ID=KEYHEX]… [--interval-ms N] [--chunked]`: plays a stick with
 * simulated OmniPower meters on a serial device (e.g. one end of a `socat` pty pair), so the real
 * driver can be exercised without hardware. Runs until SIGINT/SIGTERM.
 */
export async function stickSimCommand(argv: string[], io: CliIo): Promise<number> {
  const options = parseStickSimArgs(argv);
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({
    path: options.port,
    baudRate: STICK_BAUD_RATES[options.kind],
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const stick = simulatedStick(options.kind, { meters: options.meters, intervalMs: options.intervalMs });
  let writes = Promise.resolve();
  stick.onData((bytes) => {
    const pieces = options.chunked ? [...chunks(bytes, Math.random)] : [bytes];
    // Each piece is drained before the next, so the far end reads them as separate chunks.
    for (const piece of pieces) {
      writes = writes.then(
        () => new Promise<void>((resolve) => port.write(piece, () => port.drain(() => resolve()))),
      );
    }
  });
  port.on('data', (chunk: Buffer) => stick.receive(chunk));
  port.on('error', (error) => io.err(`stick-sim: ${error.message}`));
  stick.start();
  io.out({
    event: 'ready',
    port: options.port,
    kind: options.kind,
    meters: options.meters.map((m) => m.id),
    intervalMs: options.intervalMs,
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    port.once('close', () => resolve());
  });
  stick.stop();
  if (port.isOpen) await new Promise((resolve) => port.close(resolve));
  return 0;
}

// Command dispatch for the CLI (docs/ARCHITECTURE.md § Command line). Plain Node, no Electron.
import { HELP } from './help';
import type { CliHost } from './host';
import { EXIT, UsageError, type CliIo } from './io';

type Command = (argv: string[], io: CliIo, host: CliHost) => number | Promise<number>;

/** Commands a later issue will add; asking for one says so plainly instead of failing obscurely. */
const PLANNED = new Set<string>([]);

/**
 * Each command is loaded when it is asked for: `--help` or `decode` must not pay for loading the MQTT
 * client, the serial port bindings and the schemas that `run` needs (the bundle splits them apart).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  connect: async () => (await import('./commands/connect')).connectCommand,
  decode: async () => (await import('./commands/decode')).decodeCommand,
  keys: async () => (await import('./commands/keys')).keysCommand,
  profiles: async () => (await import('./commands/profiles')).profilesCommand,
  replay: async () => (await import('./commands/replay')).replayCommand,
  run: async () => (await import('./commands/run')).runCommand,
  'stick-sim': async () => (await import('./commands/stick-sim')).stickSimCommand,
  survey: async () => (await import('./commands/survey')).surveyCommand,
  web: async () => (await import('./commands/web')).webCommand,
};

/** `host`: what the process running the CLI lends it (the installed app: its keychain box). */
export async function runCli(argv: string[], io: CliIo, host: CliHost = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(HELP);
    return EXIT.usage;
  }
  // Help that was asked for is the command's output, so it goes to stdout.
  if (['--help', '-h', 'help'].includes(name) || rest.includes('--help') || rest.includes('-h')) {
    io.text(HELP);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(
      PLANNED.has(name)
        ? `error: '${name}' is not available in this version yet.`
        : `error: unknown command '${name}'. Run with --help for the list.`,
    );
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io, host);
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad options.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(error as Error).message}`);
      return EXIT.usage;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

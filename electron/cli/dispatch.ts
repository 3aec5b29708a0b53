// Command dispatch for the CLI (docs/ARCHITECTURE.md § Command line). Plain Node, no Electron.
import { connectCommand } from './commands/connect';
import { decodeCommand } from './commands/decode';
import { profilesCommand } from './commands/profiles';
import { runCommand } from './commands/run';
import { stickSimCommand } from './commands/stick-sim';
import { webCommand } from './commands/web';
import { HELP } from './help';
import { EXIT, UsageError, type CliIo } from './io';

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

/** Commands a later issue will add; asking for one says so plainly instead of failing obscurely. */
const PLANNED = new Set<string>([]);

const COMMANDS: Record<string, Command> = {
  connect: connectCommand,
  decode: decodeCommand,
  profiles: profilesCommand,
  run: runCommand,
  'stick-sim': stickSimCommand,
  web: webCommand,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
  const command = COMMANDS[name];
  if (!command) {
    io.err(
      PLANNED.has(name)
        ? `error: '${name}' is not available in this version yet.`
        : `error: unknown command '${name}'. Run with --help for the list.`,
    );
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
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

import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importKemMeters } from '../../core/app/kem-import';
import { KemError, openKemFile, readKemContainer, type KemFile } from '../../core/kem';
import type { CliHost } from '../host';
import { UsageError, type CliIo } from '../io';
import { promptHidden, readPasswordFromStream, type TerminalInput } from '../password-input';
import { userDataDir } from '../settings-location';
import { meterFileIn, openUserMeters } from '../user-meters';

// `keys import FILE`: the meters of a Kamstrup KEM key file (or a zip holding one) become monitored
// meters in the user-data folder the app uses (docs/ARCHITECTURE.md § KEM files). One JSON line per
// meter, never a key; exit 0 when at least one was imported, 2 for a wrong password or bad input.

const USAGE = 'keys import FILE [--password-stdin] [--replace] [--user-data DIR]';

/** Where the password comes from: stdin (piped, or a terminal to prompt on) and stderr for the prompt. */
export interface PasswordSource {
  stdin: TerminalInput;
  prompt: Writable;
}

export const keysCommand = (argv: string[], io: CliIo, host: CliHost = {}): Promise<number> =>
  runKeys(argv, io, host, { stdin: process.stdin, prompt: process.stderr });

export async function runKeys(
  argv: string[],
  io: CliIo,
  host: CliHost,
  source: PasswordSource,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      'password-stdin': { type: 'boolean' },
      replace: { type: 'boolean' },
      'user-data': { type: 'string' },
    },
  });
  const [action, path, ...rest] = positionals;
  if (action !== 'import') throw new UsageError(`keys has one action: ${USAGE}`);
  if (!path || rest.length > 0) throw new UsageError(`keys import takes one file: ${USAGE}`);

  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    io.err(
      `error: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return 2;
  }
  let file: KemFile;
  try {
    const container = openKemFile(bytes);
    if (container.encrypted && host.noStdin)
      throw new UsageError(
        `${path} is encrypted and its password cannot be read here: ${host.noStdin}. Import it in the window instead (Live gateway → Meters → Import KEM file…).`,
      );
    const password = container.encrypted
      ? await passwordFor(path, values['password-stdin'] ?? false, source)
      : '';
    file = readKemContainer(container, password);
  } catch (error) {
    if (!(error instanceof KemError)) throw error;
    io.err(`error: ${path}: ${error.message}`);
    return 2;
  }
  if (!file.encrypted)
    io.err(`warning: ${path} is not encrypted: anyone who had the file could read its keys.`);

  const userData = userDataDir(values['user-data']);
  const store = openUserMeters(userData, host, io);
  if (store.fileUnreadable) {
    // The window would start empty and overwrite it; a command line should not do so unasked.
    io.err(
      `error: nothing was imported: move or repair ${meterFileIn(userData)} first (it cannot be read, see above)`,
    );
    return 2;
  }
  const lines = importKemMeters(file, store, {
    replace: () => values.replace ?? false,
    replaceHint: '--replace to replace it',
  });
  for (const line of lines) io.out(line);
  const imported = lines.filter((l) => l.imported).length;
  if (imported === 0) {
    io.err(`error: nothing was imported from ${path} (the reasons are on each line above)`);
    return 2;
  }
  io.err(
    `${imported} of ${lines.length} meters imported into ${meterFileIn(userData)} (keys ${store.protection === 'os-keychain' ? 'sealed with the OS keychain' : 'protected by file permissions'}); the next Start in the app and the next \`run\` monitor them.`,
  );
  return 0;
}

/** `--password-stdin`, else a prompt when stdin is a terminal, else a usage error (never an argument). */
async function passwordFor(path: string, fromStdin: boolean, source: PasswordSource): Promise<string> {
  if (fromStdin || source.stdin.isTTY) {
    try {
      return fromStdin
        ? await readPasswordFromStream(source.stdin)
        : await promptHidden(`Password of ${path}: `, source.stdin, source.prompt);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  throw new UsageError(
    `${path} is encrypted: pass its password on stdin with --password-stdin (e.g. printf '%s' "$PASSWORD" | … keys import ${path} --password-stdin), or run the command in a terminal to be asked for it`,
  );
}

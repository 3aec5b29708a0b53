// Runs one CLI command in the current process, on its real stdin, stdout and stderr. Shared by the
// plain-Node entry (index.ts, the bundled out/main/cli.js) and the installed app's `--cli`, so both
// give the same output and exit codes.
import { runCli } from './dispatch';
import type { CliHost } from './host';
import { processIo } from './io';

/** Resolves once everything written so far has left the stream (or the stream is gone). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/**
 * The command's exit code, returned only after its output is flushed: the caller may exit at once.
 * `host` is what the caller lends the commands: the installed app passes its keychain box.
 */
export async function runCliInProcess(argv: string[], host: CliHost = {}): Promise<number> {
  // `… | head` closes our stdout early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let code: number;
  try {
    code = await runCli(argv, processIo, host);
  } catch (error) {
    process.stderr.write(`error: ${String(error)}\n`);
    code = 1;
  }
  await drained(process.stdout);
  await drained(process.stderr);
  return code;
}

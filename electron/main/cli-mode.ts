// Whether the app was started as the command line (`"Gateway Diagnostics" --cli <command> …`), and
// with which arguments. Plain Node: no Electron here, so it is tested without it.
import type { CliHost } from '../cli/host';

/** The switch that turns the installed app into the command line. */
export const CLI_SWITCH = '--cli';

/**
 * The command's arguments when `--cli` is on the command line, else null: everything after the
 * first `--cli`, so Chromium switches go before it (`--no-sandbox --cli decode …`). One `--` right
 * after it is dropped: `--cli -- decode …` keeps Chromium from reading the command's options as
 * its own switches and Electron's Windows check from refusing arguments that look like URLs (see
 * docs/ARCHITECTURE.md § Command line). argv is process.argv, whose shape differs by how the app
 * was started: `[exe, --cli, …]` installed, `[electron, app-folder, --cli, …]` in development;
 * argv[0] is a program path in both, never a switch.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_SWITCH, 1);
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

/**
 * What the app lends a command it runs. On Windows Electron gives its main process an empty stdin
 * (docs/ARCHITECTURE.md § Command line), so commands that would read it say so instead.
 */
export function cliHost(platform: NodeJS.Platform): CliHost {
  return platform === 'win32'
    ? { noStdin: 'the installed app cannot read stdin on Windows (Electron gives it none)' }
    : {};
}

// Electron entry. The command line is decided first: `"Gateway Diagnostics" --cli <command> …` runs
// one CLI command and exits with its code, before any scheme, window or lock exists; otherwise the
// desktop app starts (docs/ARCHITECTURE.md § Command line).
import { app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArguments } from './cli-mode';

const commandLine = cliArguments(process.argv);

if (commandLine) {
  // Awaited at the top level on purpose: Electron holds its start-up until the entry module has
  // settled, so the command runs on plain Node I/O before Chromium sets up displays, the GPU or its
  // own SIGINT/SIGTERM handling, and app.exit then ends the process with the command's code.
  app.dock?.hide();
  const { runCliInProcess } = await import('../cli/process-run');
  app.exit(await runCliInProcess(commandLine));
} else {
  // The single-instance lock is taken by the desktop app, after the --cli check: a command must
  // run beside an open window, never be handed over to it.
  const { startDesktopApp } = await import('./desktop-app');
  startDesktopApp(path.dirname(fileURLToPath(import.meta.url)));
}

// Command-line entry: `npm run --silent cli -- <command>`. Plain Node, no Electron.
import { runCli } from './dispatch';
import { processIo } from './io';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

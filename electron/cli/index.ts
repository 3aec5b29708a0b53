// Command-line entry, bundled as out/main/cli.js (docs/ARCHITECTURE.md § Command line): run by
// `gateway-diagnostics` / `npm run --silent cli --` through bin/gateway-diagnostics.js. Plain Node,
// no Electron; the installed app reaches the same commands with `--cli` (electron/main).
import { runCliInProcess } from './process-run';

void runCliInProcess(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

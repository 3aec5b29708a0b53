#!/usr/bin/env node
// `gateway-diagnostics` (package.json "bin") and `npm run --silent cli --`: the bundled command line,
// out/main/cli.js. From a checkout it rebuilds out/ first when a source changed since the last build.
import { runBuilt } from '../scripts/fresh-build.mjs';

await runBuilt('cli');

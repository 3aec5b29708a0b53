// `npm start`: the window (or the browser fallback), from out/main/launch.js, rebuilt only when a
// source changed since the last build.
import { runBuilt } from './fresh-build.mjs';

await runBuilt('launch');

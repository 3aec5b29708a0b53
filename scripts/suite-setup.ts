// Global setup of every test suite: the tests that start the CLI or `npm run web` run the built
// bundle, so it is brought up to date once here rather than by several test files at the same time.
import { ensureBuilt } from './fresh-build.mjs';

export default function setup(): void {
  ensureBuilt();
}

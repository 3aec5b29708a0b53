import type { Page } from 'playwright-core';

/**
 * Runs `fn(arg)` inside the page. tsx compiles with esbuild's keepNames, which wraps named
 * functions in `__name(…)`; the page has no such helper, so an identity one is defined around it.
 */
export function inPage<A, R>(page: Page, fn: (arg: A) => R, arg: A): Promise<Awaited<R>> {
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return page.evaluate(source) as Promise<Awaited<R>>;
}

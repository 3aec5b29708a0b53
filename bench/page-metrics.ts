import type { CDPSession, Page } from 'playwright-core';

/** The page's JS heap, read over the Chrome DevTools Protocol. */
export class PageHeap {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<PageHeap> {
    return new PageHeap(await page.context().newCDPSession(page));
  }

  /** Bytes used by the page's JS heap now (garbage included: what the page really holds). */
  async used(): Promise<number> {
    return (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
  }

  /** Bytes still used after a full garbage collection: what the page retains. */
  async retained(): Promise<number> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    return this.used();
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

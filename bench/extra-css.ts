import type { Page } from 'playwright-core';

/**
 * Adds a style sheet through DevTools, the way the Styles panel does: the app's CSP
 * (style-src 'self') rightly refuses inline styles, so `page.addStyleTag` cannot be used.
 */
export async function addInspectorStyleSheet(page: Page, css: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { styleSheetId } = await cdp.send('CSS.createStyleSheet', { frameId: frameTree.frame.id });
    await cdp.send('CSS.setStyleSheetText', { styleSheetId, text: css });
  } finally {
    await cdp.detach();
  }
}

import type { IpcMainInvokeEvent } from 'electron';
import type { Router } from '../core/bridge/router';
import { originOf } from './origin';

/** What the handler reads of Electron's invoke event: only the frame that sent it. */
export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/**
 * The ipcMain.handle callback for the request channel. The sender is identified by the URL of the
 * frame that sent the message (not the window's top URL), so a foreign iframe, a navigated-away page
 * or a destroyed frame (null) is refused by the router's origin check before any handler runs.
 */
export function ipcRequestHandler(router: Router) {
  return (event: InvokeEventLike, method: unknown, input: unknown) =>
    router.handle({ origin: originOf(event.senderFrame?.url) }, method, input);
}

import { contentTypeFor, resolveStaticPath } from '../core/bridge/static-files';
import { APP_HOST } from './origin';

export type AppRequestTarget = { file: string; contentType: string } | { status: 400 | 404 };

/** Maps an app:// request to a file of the built renderer; anything outside it is refused. */
export function resolveAppRequest(requestUrl: string, rendererRoot: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.host !== APP_HOST) return { status: 404 };
  const file = resolveStaticPath(rendererRoot, url.pathname);
  return file ? { file, contentType: contentTypeFor(file) } : { status: 400 };
}

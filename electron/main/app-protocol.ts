import path from 'node:path';
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
  // resolveStaticPath lets the folder itself through (e.g. `app://gateway///`); only files are served.
  if (!file || file === path.resolve(rendererRoot)) return { status: 400 };
  return { file, contentType: contentTypeFor(file) };
}

/**
 * Headers of every app:// response: the UI's Content-Security-Policy travels with each file, and
 * browsers must not guess content types. (The CSP is assigned by name so Electronegativity sees it.)
 */
export function appResponseHeaders(contentType: string, csp: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
  };
  headers['Content-Security-Policy'] = csp;
  return headers;
}

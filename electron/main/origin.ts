/** The scheme and host the UI is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gateway';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL. WHATWG `URL.origin` is "null" for custom schemes such as app://,
 * so it is built from protocol and host instead.
 */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Who may call the router and where the window may navigate: the app itself, plus the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): Set<string> {
  const origins = new Set([APP_ORIGIN]);
  const dev = originOf(devServerUrl);
  if (dev) origins.add(dev);
  return origins;
}

/** Navigation guard: the window only ever shows our own UI; everything else is refused. */
export function isAllowedNavigation(url: string, origins: Set<string>): boolean {
  const origin = originOf(url);
  return origin !== null && origins.has(origin);
}

/** The router's caller check: only a frame whose origin is one of ours; no origin, no call. */
export function isTrustedOriginIn(origins: Set<string>): (origin: string | null) => boolean {
  return (origin) => origin !== null && origins.has(origin);
}

import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_URL, isAllowedNavigation, originOf, trustedOrigins } from './origin';

describe('originOf', () => {
  it('gives app://gateway for the custom scheme (WHATWG URL says "null" there)', () => {
    expect(originOf(APP_URL)).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173');
  });

  it('is null for missing, malformed and host-less URLs', () => {
    expect(originOf(undefined)).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });
});

describe('navigation guard', () => {
  const production = trustedOrigins(undefined);

  it('allows the app itself', () => {
    expect(isAllowedNavigation('app://gateway/index.html#/radio', production)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'file:///etc/passwd',
    'app://other/index.html',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
  ])('refuses %s in production', (url) => {
    expect(isAllowedNavigation(url, production)).toBe(false);
  });

  it('allows the dev server only when one is configured', () => {
    expect(isAllowedNavigation('http://localhost:5173/', trustedOrigins('http://localhost:5173'))).toBe(true);
  });
});

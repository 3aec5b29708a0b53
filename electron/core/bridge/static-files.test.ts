import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';
import { contentTypeFor, resolveStaticPath } from './static-files';

const root = path.resolve('/srv/ui');

describe('resolveStaticPath', () => {
  it('maps / to index.html and paths below the root to files', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
  });

  it.each([
    '/../secrets.yaml',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/a%00b',
    '/..%5c..%5cx',
    '/%E0%A4%A',
  ])('refuses %s', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });

  it('names content types so nosniff browsers run the scripts', () => {
    expect(contentTypeFor('a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a.weird')).toBe('application/octet-stream');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts and no eval, inline script or remote content', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('adds the web bridge socket to connect-src only when asked', () => {
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5000'] })).toContain(
      "connect-src 'self' ws://127.0.0.1:5000",
    );
  });
});

// app:// must never serve a file outside the built renderer, whatever the URL spells.
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppRequest } from './app-protocol';

const root = path.resolve('/opt/gd/resources/app.asar/out/renderer');
const inside = (file: string) => file.startsWith(root + path.sep);

function outcome(url: string): 'refused' | 'inside' | 'ESCAPED' {
  const target = resolveAppRequest(url, root);
  if ('status' in target) return 'refused';
  return inside(target.file) ? 'inside' : 'ESCAPED';
}

describe('app:// path traversal', () => {
  it.each([
    ['encoded slashes', 'app://gateway/..%2f..%2f..%2fmain%2Findex.js'],
    ['encoded dots and slashes', 'app://gateway/%2e%2e%2f%2e%2e%2fpreload%2findex.cjs'],
    ['upper-case encodings', 'app://gateway/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'],
    ['encoded backslashes', 'app://gateway/..%5c..%5cmain%5cindex.js'],
    ['raw backslashes', 'app://gateway/\\..\\..\\main\\index.js'],
    ['a Windows drive path', 'app://gateway/C:%5cWindows%5cwin.ini'],
    ['a UNC path', 'app://gateway/%5c%5cserver%5cshare%5cx'],
    ['a NUL byte', 'app://gateway/index.html%00.png'],
    ['overlong UTF-8 dots (malformed)', 'app://gateway/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'],
    ['a lone percent sign', 'app://gateway/%'],
    ['the renderer folder itself', 'app://gateway///'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppRequest(url, root)).toEqual({ status: 400 });
  });

  it.each([
    ['an absolute path', 'app://gateway//etc/passwd', 'etc/passwd'],
    ['double-encoded dots (decoded once only)', 'app://gateway/%252e%252e/x', '%2e%2e/x'],
    ['dot segments the URL parser folds', 'app://gateway/a/../../../index.html', 'index.html'],
  ])('keeps %s inside the renderer folder', (_what, url, relative) => {
    const target = resolveAppRequest(url, root);
    expect('file' in target && target.file).toBe(path.join(root, relative));
  });

  it('refuses other hosts, including look-alikes', () => {
    for (const url of [
      'app://gateway.evil/index.html',
      'app://evil/index.html',
      'app://gateway@evil/index.html',
    ]) {
      expect(resolveAppRequest(url, root)).toEqual({ status: 404 });
    }
  });

  it('never resolves outside the renderer folder, for any mix of traversal pieces', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2e',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '/',
      '//',
      '%00',
      '%252e%252e',
      'C:',
      '%c0%ae',
      '%',
      'main',
      'index.html',
      'a b',
      '%20',
      '~',
      '?x=..',
      '#..',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expect(outcome(`app://gateway/${pieces.join('')}`)).not.toBe('ESCAPED');
        expect(outcome(`app://gateway/${pieces.join('/')}`)).not.toBe('ESCAPED');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('app:// response headers', () => {
  it('carry the CSP and forbid content sniffing on every file', () => {
    const csp = "default-src 'none'; script-src 'self'";
    expect(appResponseHeaders('text/html; charset=utf-8', csp)).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
    });
  });
});

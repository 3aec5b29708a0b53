import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from './app-protocol';

const root = path.resolve('/opt/gd/out/renderer');

describe('resolveAppRequest', () => {
  it('serves files of the built renderer with their content type', () => {
    expect(resolveAppRequest('app://gateway/index.html', root)).toEqual({
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://gateway/', root)).toMatchObject({ file: path.join(root, 'index.html') });
  });

  it('refuses other hosts and paths that escape the renderer folder', () => {
    expect(resolveAppRequest('app://elsewhere/index.html', root)).toEqual({ status: 404 });
    expect(resolveAppRequest('app://gateway/a%2F..%2F..%2F..%2Fmain%2Findex.js', root)).toEqual({
      status: 400,
    });
    // The URL parser already folds dot segments, so this stays inside the renderer folder.
    const folded = resolveAppRequest('app://gateway/%2e%2e/%2e%2e/main/index.js', root);
    expect('file' in folded && folded.file).toBe(path.join(root, 'main/index.js'));
  });
});

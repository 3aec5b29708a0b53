// The CI gate must really fail on an insecure window and on files the tool cannot read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingFindings, countBySeverity, scan, type Finding } from './electronegativity';

const finding = (id: string, severity: string, manualReview: boolean): Finding => ({
  id,
  severity: { value: 0, name: severity },
  confidence: { value: 1, name: 'FIRM' },
  manualReview,
  file: 'main/index.ts',
  location: { line: 1, column: 0 },
  description: id,
});

describe('what blocks CI', () => {
  it('is every HIGH or MEDIUM finding that is not a review note or the online-only check', () => {
    const findings = [
      finding('NODE_INTEGRATION_JS_CHECK', 'HIGH', false),
      finding('SANDBOX_JS_CHECK', 'MEDIUM', false),
      finding('PRELOAD_JS_CHECK', 'MEDIUM', true),
      finding('CSP_GLOBAL_CHECK', 'LOW', false),
      finding('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'HIGH', false),
    ];
    expect(blockingFindings(findings).map((f) => f.id)).toEqual([
      'NODE_INTEGRATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
    ]);
    expect(countBySeverity(findings)).toEqual({
      HIGH: { findings: 2, reviewNotes: 0 },
      MEDIUM: { findings: 1, reviewNotes: 1 },
      LOW: { findings: 1, reviewNotes: 0 },
      INFORMATIONAL: { findings: 0, reviewNotes: 0 },
    });
  });
});

describe('Electronegativity on a deliberately insecure app', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eneg-'));
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import { BrowserWindow, shell } from 'electron';",
        'const win: BrowserWindow = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },',
        '});',
        'win.webContents.on("will-navigate", (_e, url: string) => shell.openExternal(url));',
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports HIGH findings that block, so a regression fails CI', async () => {
    const result = await scan({ input: dir, electronVersion: '40.8.5', atomicOnly: true });
    expect(result.parseErrors).toEqual([]);
    const blocking = blockingFindings(result.findings).map((f) => `${f.severity.name} ${f.id}`);
    expect(blocking).toEqual(
      expect.arrayContaining(['HIGH CONTEXT_ISOLATION_JS_CHECK', 'MEDIUM SANDBOX_JS_CHECK']),
    );
  }, 60_000);

  it('reports a file it cannot parse instead of passing it silently', async () => {
    fs.writeFileSync(path.join(dir, 'broken.ts'), 'const = new BrowserWindow({ ;');
    const result = await scan({ input: dir, electronVersion: '40.8.5', atomicOnly: true });
    expect(result.parseErrors.map((e) => path.basename(e.file))).toContain('broken.ts');
  }, 60_000);
});

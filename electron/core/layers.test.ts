import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import directions of eslint.config.js, exercised on sources that exist only in memory: a
// wrong arrow must fail `npm run lint`, a right one must not.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The layer-rule messages ESLint gives `source` as if it were the file at `file`. */
async function layerProblems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/import-direction').map((m) => m.message);
}

const importing = (target: string, what = 'x') =>
  `import { ${what} } from '${target}';\nexport { ${what} };\n`;

describe('import directions (eslint.config.js LAYERS)', () => {
  it.each([
    ['electron/core/wmbus/probe.ts', '../gateway', 'wmbus may not import gateway'],
    ['electron/core/stick/probe.ts', '../gateway/telegram-decoder', 'stick may not import gateway'],
    ['electron/core/recalc/probe.ts', '../gateway', 'recalc may not import gateway'],
    ['electron/core/mqtt/probe.ts', '../gateway/pipeline', 'mqtt may not import gateway'],
    ['electron/core/settings/probe.ts', '../mqtt', 'settings may not import mqtt'],
    ['electron/core/gateway/probe.ts', '../bridge/router', 'gateway may not import bridge'],
    ['electron/core/gateway/probe.ts', '../app/gateway-service', 'gateway may not import app'],
    ['electron/core/gateway/probe.ts', '../inspect', 'gateway may not import inspect'],
    ['electron/core/gateway/probe.ts', '../demo', 'gateway may not import demo'],
    ['electron/core/gateway/probe.ts', '../../cli/paths', 'gateway may not import cli'],
    ['electron/core/app/probe.ts', '../../main/origin', 'app may not import main'],
    ['electron/core/demo/probe.ts', '../gateway', 'demo may not import gateway'],
    ['electron/core/inspect/probe.ts', '../app', 'inspect may not import app'],
    ['electron/core/bridge/probe.ts', '../gateway', 'bridge may not import gateway'],
    ['electron/core/kem/probe.ts', '../gateway', 'kem may not import gateway'],
    ['electron/core/gateway/probe.ts', '../kem', 'gateway may not import kem'],
    ['electron/core/survey/probe.ts', '../gateway', 'survey may not import gateway'],
    ['electron/core/survey/probe.ts', '../logger', 'survey may not import base'],
    ['electron/core/gateway/probe.ts', '../survey', 'gateway may not import survey'],
    ['shared/probe.ts', '../electron/core/wmbus', 'shared may not import wmbus'],
    ['renderer/src/probe.ts', '../../electron/core/gateway', 'renderer may not import gateway'],
  ])('%s importing %s fails: %s', async (file, target, expected) => {
    const problems = await layerProblems(file, importing(target));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('counts type-only imports and re-exports too', async () => {
    expect(
      await layerProblems(
        'electron/core/gateway/probe.ts',
        "import type { Router } from '../bridge/router';\nexport type { Router };\n",
      ),
    ).toHaveLength(1);
    expect(await layerProblems('electron/core/wmbus/probe.ts', "export * from '../gateway';\n")).toHaveLength(
      1,
    );
  });

  it.each([
    ['electron/core/app/probe.ts', '../bridge/router'],
    ['electron/core/gateway/probe.ts', '../wmbus'],
    ['electron/core/app/probe.ts', '../demo'],
    ['electron/core/kem/probe.ts', '../wmbus/drivers'],
    ['electron/core/app/probe.ts', '../kem'],
    ['electron/core/app/probe.ts', '../survey'],
    ['electron/core/survey/probe.ts', '../wmbus'],
    ['electron/core/inspect/probe.ts', '../gateway/telegram-decoder'],
    ['electron/core/mqtt/probe.ts', '../settings'],
    ['electron/core/wmbus/probe.ts', '../logger'],
    ['electron/cli/commands/probe.ts', '../../core/app/app-core'],
    ['electron/main/probe.ts', '../cli/process-run'],
    ['renderer/src/probe.ts', '../../shared/gateway'],
  ])('%s importing %s is allowed', async (file, target) => {
    expect(await layerProblems(file, importing(target))).toEqual([]);
  });

  it('lets tests reach across layers but keeps test code out of production code', async () => {
    expect(
      await layerProblems('electron/core/stick/probe.test.ts', importing('../gateway/telegram-decoder')),
    ).toEqual([]);
    const problems = await layerProblems(
      'electron/core/gateway/probe.ts',
      importing('../mqtt/test-support/fixtures'),
    );
    expect(problems).toEqual([expect.stringContaining('Production code may not import test code')]);
  });

  it('names a new core folder that is in no layer', async () => {
    const problems = await layerProblems('electron/core/newpart/probe.ts', 'export const x = 1;\n');
    expect(problems).toEqual([expect.stringContaining('electron/core/newpart/probe.ts is in no layer')]);
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/*
 * The layers and the one direction imports run (docs/ARCHITECTURE.md, "Layers"). Each layer is a
 * folder (or a few files); `may` lists the other layers it may import. Every layer may import
 * itself, and every layer but shared/ may import shared/. An arrow not in this table fails
 * `npm run lint`; electron/core/layers.test.ts proves it.
 *
 * base: small helpers any core part may use (logging, timers, bench rows).
 *
 * Test code (*.test.ts, *.interop.ts, *.bench.ts, *.e2e.ts, test-support/, fixtures/, drills/,
 * the top-level bench/) may reach across layers to assemble what it tests; production code may
 * not, and never imports test code.
 */
// Every core layer: what the app, the CLI and the main process may use.
// prettier-ignore
const CORE = ['base', 'wmbus', 'stick', 'settings', 'mqtt', 'recalc', 'demo', 'gateway', 'inspect', 'kem', 'survey', 'bridge', 'capture', 'app'];

// prettier-ignore
const LAYERS = {
  // layer    folders (or files, without .ts)                  may import, besides itself and shared/
  shared:   { folders: ['shared'],                             may: [] },
  base:     { folders: ['electron/core/logger', 'electron/core/timers', 'electron/core/bench'],
                                                               may: [] },
  wmbus:    { folders: ['electron/core/wmbus'],                may: ['base'] },
  stick:    { folders: ['electron/core/stick'],                may: ['base', 'wmbus'] },
  settings: { folders: ['electron/core/settings'],             may: ['base'] },
  mqtt:     { folders: ['electron/core/mqtt'],                 may: ['base', 'settings'] },
  recalc:   { folders: ['electron/core/recalc'],               may: ['base', 'wmbus'] },
  demo:     { folders: ['electron/core/demo'],                 may: ['base', 'settings', 'stick'] },
  gateway:  { folders: ['electron/core/gateway'],              may: ['base', 'wmbus', 'stick', 'settings', 'mqtt', 'recalc'] },
  inspect:  { folders: ['electron/core/inspect'],              may: ['base', 'wmbus', 'stick', 'gateway'] },
  kem:      { folders: ['electron/core/kem'],                  may: ['wmbus'] },
  survey:   { folders: ['electron/core/survey'],               may: ['wmbus'] },
  bridge:   { folders: ['electron/core/bridge'],               may: ['base'] },
  capture:  { folders: ['electron/core/capture'],              may: ['base', 'stick'] },
  app:      { folders: ['electron/core/app'],                  may: CORE },
  cli:      { folders: ['electron/cli'],                       may: CORE },
  main:     { folders: ['electron/main'],                      may: [...CORE, 'cli'] }, // cli: the installed app's --cli
  preload:  { folders: ['electron/preload'],                   may: [] },
  renderer: { folders: ['renderer/src'],                       may: [] },
};

const TEST_CODE = new RegExp(
  [
    String.raw`\.(test|interop|bench|e2e)$`, // tests, interop tests, benchmarks
    String.raw`(^|/)(test-support|fixtures)(/|$)`, // test-support and fixture folders
    String.raw`(^|/)test-[\w-]+$|-test-support$`, // test-handlers.ts, app-core-test-support.ts
    String.raw`^(electron/drills|bench|renderer/e2e)/`, // drills, UI benchmarks, browser tests
    String.raw`^electron/cli/bench$`, // the runner of npm run bench
  ].join('|'),
);

/** The layer of a repo-relative path (a file, or an import target without its extension). */
function layerOf(file) {
  for (const [name, layer] of Object.entries(LAYERS)) {
    for (const folder of layer.folders) {
      if (file === folder || file.startsWith(`${folder}/`) || file.startsWith(`${folder}.`)) return name;
    }
  }
  return null;
}

const withoutExtension = (file) => file.replace(/\.(tsx?|m?js)$/, '');
const repoPath = (absolute) => path.relative(ROOT, absolute).split(path.sep).join('/');

/** The rule behind the table: relative imports (and re-exports) checked against LAYERS. */
const importLayers = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      wrongArrow:
        '{{from}} may not import {{to}} ({{target}}): imports run one way (the LAYERS table in eslint.config.js).',
      testCode: 'Production code may not import test code ({{target}}).',
      noLayer: '{{file}} is in no layer: add its folder to the LAYERS table in eslint.config.js.',
    },
  },
  create(context) {
    const file = repoPath(context.filename);
    if (TEST_CODE.test(withoutExtension(file))) return {};
    const from = layerOf(file);
    if (!from) {
      if (file.startsWith('electron/core/')) {
        return { Program: (node) => context.report({ node, messageId: 'noLayer', data: { file } }) };
      }
      return {};
    }
    const allowed = new Set([from, ...LAYERS[from].may, ...(from === 'shared' ? [] : ['shared'])]);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = repoPath(path.resolve(path.dirname(context.filename), source));
      if (TEST_CODE.test(withoutExtension(target))) {
        context.report({ node, messageId: 'testCode', data: { target } });
        return;
      }
      const to = layerOf(target);
      if (to && !allowed.has(to))
        context.report({ node, messageId: 'wrongArrow', data: { from, to, target } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node),
    };
  },
};

// Only electron/main and electron/preload may load Electron at runtime; everything else must run
// in plain Node or the browser (a runtime `electron` import there tries to download Electron).
const noRuntimeElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          allowTypeImports: true,
          message:
            'Only electron/main and electron/preload may import electron at runtime; use `import type`.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'artifacts/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      ...noRuntimeElectron,
    },
  },
  { files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: [
      'electron/**/*.ts',
      'shared/**/*.ts',
      'bench/**/*.ts',
      'scripts/**',
      'bin/**',
      '*.config.ts',
      '*.config.js',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { layers: { rules: { 'import-direction': importLayers } } },
    rules: { 'layers/import-direction': 'error' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);

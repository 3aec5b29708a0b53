// `npm run graph`: the import graph between the project's layers, as the code has it now. Prints one
// line per layer-to-layer arrow with how many imports make it, then each layer's floor (a layer
// stands above everything it imports). See docs/ARCHITECTURE.md § Layers.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx)$/;
// Test code may cross layers (eslint.config.js says so); the graph shows product code only.
const SKIP = new Set([
  'node_modules',
  'out',
  'dist',
  'artifacts',
  '.git',
  'test-support',
  'fixtures',
  'drills',
]);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

/**
 * The layer a file belongs to: `electron/core/<folder>` (its loose files: `core/base`),
 * `electron/<folder>`, `shared/<folder>`, `renderer`.
 */
export function layerOf(relative: string): string {
  const parts = relative.split('/');
  if (parts[0] === 'electron' && parts[1] === 'core')
    return parts.length > 3 ? `core/${parts[2]}` : 'core/base';
  if (parts[0] === 'electron') return parts[1]!;
  if (parts[0] === 'shared') return parts.length > 2 ? `shared/${parts[1]}` : 'shared';
  return parts[0]!;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (SOURCE.test(entry.name) && !/\.(test|e2e|interop|bench)\.tsx?$/.test(entry.name)) yield full;
  }
}

/** Layer → layer → number of imports, for product code (tests, benches and drills left out). */
export function importGraph(roots: readonly string[]): Map<string, Map<string, number>> {
  const graph = new Map<string, Map<string, number>>();
  for (const root of roots) {
    for (const file of sourceFiles(path.join(ROOT, root))) {
      const from = layerOf(path.relative(ROOT, file));
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const resolved = path.resolve(path.dirname(file), match[1]!);
        // `../stick` names the folder's index file.
        const isFolder = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
        const target = path.relative(ROOT, isFolder ? path.join(resolved, 'index') : resolved);
        const to = layerOf(target);
        if (to === from || target.startsWith('..')) continue;
        const row = graph.get(from) ?? new Map<string, number>();
        row.set(to, (row.get(to) ?? 0) + 1);
        graph.set(from, row);
      }
    }
  }
  return graph;
}

/** Floor 1 imports no other layer; every other layer stands one floor above its highest import. */
function floors(graph: Map<string, Map<string, number>>): Map<string, number> {
  const result = new Map<string, number>();
  const visiting = new Set<string>();
  const floorOf = (layer: string): number => {
    const known = result.get(layer);
    if (known !== undefined) return known;
    if (visiting.has(layer)) return 0; // a cycle: reported by the arrows themselves
    visiting.add(layer);
    let floor = 1;
    for (const to of graph.get(layer)?.keys() ?? []) floor = Math.max(floor, floorOf(to) + 1);
    visiting.delete(layer);
    result.set(layer, floor);
    return floor;
  };
  for (const layer of graph.keys()) floorOf(layer);
  for (const row of graph.values()) for (const to of row.keys()) floorOf(to);
  return result;
}

/** Arrows that close a loop (the target imports its way back to the source). */
function loops(graph: Map<string, Map<string, number>>): string[] {
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(graph.get(from)?.keys() ?? [])].some((next) => reaches(next, to, seen));
  };
  const found: string[] = [];
  for (const [from, row] of graph)
    for (const to of row.keys()) if (reaches(to, from)) found.push(`${from} → ${to}`);
  return found;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const graph = importGraph(['electron', 'shared', 'renderer/src']);
  const floor = floors(graph);
  const layers = [...floor.keys()].sort((a, b) => floor.get(b)! - floor.get(a)! || a.localeCompare(b));
  for (const layer of layers) {
    const row = graph.get(layer);
    const arrows = row
      ? [...row.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([to, n]) => `${to} (${n})`)
      : [];
    console.log(`floor ${floor.get(layer)}  ${layer.padEnd(16)} → ${arrows.join(', ') || 'nothing'}`);
  }
  const loop = loops(graph);
  console.log(loop.length === 0 ? 'no loops between layers' : `loops between layers: ${loop.join('; ')}`);
}

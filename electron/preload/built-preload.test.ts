// The preload Electron actually loads is the built out/preload/index.cjs, so it is checked too: run
// in a VM context the way a sandboxed preload runs (CommonJS, `require` limited to what we hand it).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { API_GLOBAL, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, REQUEST_METHODS } from '../../shared/ipc/names';

const built = path.resolve(import.meta.dirname, '../../out/preload/index.cjs');
// CI builds before `npm test`; locally the check waits for `npm run build`.
const present = fs.existsSync(built);
if (!present && process.env['CI'] === 'true') throw new Error(`${built} is missing: run npm run build first`);

function loadBuiltPreload() {
  const exposed = new Map<string, unknown>();
  const calls: unknown[][] = [];
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      calls.push(['invoke', ...args]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (...args: unknown[]) => calls.push(['on', ...args]),
    removeListener: (...args: unknown[]) => calls.push(['removeListener', ...args]),
    send: (...args: unknown[]) => calls.push(['send', ...args]),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
    ipcRenderer,
  };
  const required: string[] = [];
  const sandbox = {
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
    module: { exports: {} },
    exports: {},
  };
  vm.runInNewContext(fs.readFileSync(built, 'utf8'), sandbox, { filename: built });
  return { exposed, calls, ipcRenderer, required };
}

/** Every value reachable from the exposed object, with its dotted path. */
function walk(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return [
    [prefix, value],
    ...Object.entries(value).flatMap(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k)),
  ];
}

describe.skipIf(!present)('built preload (out/preload/index.cjs)', () => {
  it('is one CommonJS file that needs nothing but electron', () => {
    const { required } = loadBuiltPreload();
    expect(required).toEqual(['electron']);
  });

  it('exposes one global of named functions and never ipcRenderer or its methods', () => {
    const { exposed, ipcRenderer } = loadBuiltPreload();
    expect([...exposed.keys()]).toEqual([API_GLOBAL]);
    const everything = walk(exposed.get(API_GLOBAL));
    const leaves = everything.filter(([, v]) => typeof v !== 'object');
    expect(leaves.map(([name]) => name).sort()).toEqual([...REQUEST_METHODS, 'events.subscribe'].sort());
    for (const [name, value] of leaves) expect(typeof value, name).toBe('function');
    const forbidden: unknown[] = [ipcRenderer, ...Object.values(ipcRenderer)];
    for (const [name, value] of everything)
      expect(forbidden.includes(value), `${name} leaks ipcRenderer`).toBe(false);
  });

  it('sends each method on the request channel only, and listens on the event channel only', async () => {
    const { exposed, calls } = loadBuiltPreload();
    const api = Object.fromEntries(walk(exposed.get(API_GLOBAL))) as Record<string, (x?: unknown) => unknown>;
    for (const method of REQUEST_METHODS) await api[method]!({ probe: method });
    expect(calls).toEqual(REQUEST_METHODS.map((m) => ['invoke', IPC_REQUEST_CHANNEL, m, { probe: m }]));
    calls.length = 0;
    const unsubscribe = api['events.subscribe']!(() => {}) as () => void;
    unsubscribe();
    expect(calls.map((c) => [c[0], c[1]])).toEqual([
      ['on', IPC_EVENT_CHANNEL],
      ['removeListener', IPC_EVENT_CHANNEL],
    ]);
  });
});

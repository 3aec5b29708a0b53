import type { Page } from 'playwright-core';

// Diagnostics for a missed target: a Chromium trace of the page over CDP, reduced to where the
// renderer's main thread spent its time (self time per trace event name) and how big the layouts were.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; beginData?: { dirtyObjects?: number; totalObjects?: number } };
}

export interface MainThreadProfile {
  seconds: number;
  /** Sampled JS self time in ms per function (name file:line:column, as in the built bundle). */
  jsSelfMs: Array<[string, number]>;
  /** Self time in ms per trace event name, largest first. */
  selfMs: Array<[string, number]>;
  layouts: number;
  /** Mean layout objects Chromium had to lay out per Layout, and the mean size of the tree. */
  meanDirtyObjects: number;
  meanTotalObjects: number;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
];

export async function traceMainThread(page: Page, ms: number): Promise<MainThreadProfile> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] },
  });
  await cdp.send('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, ms));
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { ...summarise(events, ms / 1000), jsSelfMs: jsSelfTime(profile) };
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

function jsSelfTime(profile: CpuProfile): Array<[string, number]> {
  const names = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    const file = f.url.split('/').pop() || '(native)';
    names.set(id, `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
  }
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  samples.forEach((node, i) => {
    const name = names.get(node) ?? '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

function summarise(events: TraceEvent[], seconds: number): Omit<MainThreadProfile, 'jsSelfMs'> {
  // The page's main thread: the CrRendererMain thread with the most events.
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const perThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || e.ph !== 'X' || e.dur === undefined) continue;
    const list = perThread.get(key) ?? [];
    list.push(e);
    perThread.set(key, list);
  }
  const main = [...perThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  main.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

  // Self time: an event's duration minus that of the events nested directly inside it.
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string }> = [];
  for (const e of main) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  const layouts = main.filter((e) => e.name === 'Layout');
  const mean = (key: 'dirtyObjects' | 'totalObjects') =>
    layouts.reduce((sum, e) => sum + (e.args?.beginData?.[key] ?? 0), 0) / Math.max(1, layouts.length);
  return {
    seconds,
    selfMs: [...self.entries()]
      .map(([name, us]): [string, number] => [name, us / 1000])
      .sort((a, b) => b[1] - a[1]),
    layouts: layouts.length,
    meanDirtyObjects: mean('dirtyObjects'),
    meanTotalObjects: mean('totalObjects'),
  };
}

export function formatProfile(profile: MainThreadProfile, top = 15): string {
  const lines = [
    `renderer main thread over ${profile.seconds} s of the flood (self time, ms):`,
    ...profile.selfMs.slice(0, top).map(([name, ms]) => `  ${name.padEnd(40)} ${ms.toFixed(0).padStart(8)}`),
    `  ${profile.layouts} layouts, on average ${profile.meanDirtyObjects.toFixed(0)} of ${profile.meanTotalObjects.toFixed(0)} layout objects dirty`,
    'sampled JavaScript self time (ms), by function in the built bundle:',
    ...profile.jsSelfMs
      .slice(0, top)
      .map(([name, ms]) => `  ${name.padEnd(60)} ${ms.toFixed(0).padStart(8)}`),
  ];
  return lines.join('\n');
}

import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null = null;

/**
 * The heap still in use after a full garbage collection, in MB: unlike RSS it does not carry what
 * earlier benchmarks in the same process left behind, nor garbage not yet collected, so its
 * slope over a flood shows a leak and nothing else.
 */
export function liveHeapMB(): number {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

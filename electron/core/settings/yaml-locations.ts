import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

// js-yaml's loaded objects carry no positions, so problems are located by re-walking the
// parser's event stream, which references the source by offsets.

/** Where a collection's children get their key paths from. `null` path = not addressable. */
interface Frame {
  kind: 'document' | 'mapping' | 'sequence';
  path: string[] | null;
  /** Mappings alternate key, value, key, value… */
  expectKey: boolean;
  pendingKey: string | null;
  index: number;
}

/**
 * Maps every mapping key's dotted path (`recalc`, `recalc.port`, `list.0.name`) to the 1-based
 * line the key is written on. Block and flow styles alike. Only the first document is mapped;
 * a source the parser rejects yields an empty map (the loader reports that error itself).
 */
export function findKeyLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  let events: Event[];
  try {
    events = parseEvents(source, {});
  } catch {
    return lines;
  }
  const lineOf = lineFinder(source);
  const stack: Frame[] = [];
  let documents = 0;

  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents += 1;
      if (documents > 1) break;
      stack.push({ kind: 'document', path: [], expectKey: false, pendingKey: null, index: 0 });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    if (!parent) continue;

    let childPath: string[] | null;
    if (parent.kind === 'mapping' && parent.expectKey) {
      parent.expectKey = false;
      parent.pendingKey = null;
      if (event.type === EVENT_ID.SCALAR && parent.path && event.valueStart >= 0) {
        const key = getScalarValue(source, event);
        parent.pendingKey = key;
        const dotted = [...parent.path, key].join('.');
        if (!lines.has(dotted)) lines.set(dotted, lineOf(event.valueStart));
      }
      // A collection used as a key (`? [a, b]`) has no dotted path: its children stay unmapped.
      childPath = null;
    } else if (parent.kind === 'mapping') {
      parent.expectKey = true;
      childPath = parent.path && parent.pendingKey !== null ? [...parent.path, parent.pendingKey] : null;
    } else if (parent.kind === 'sequence') {
      childPath = parent.path ? [...parent.path, String(parent.index)] : null;
      parent.index += 1;
    } else {
      childPath = parent.path;
    }

    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({
        kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
        path: childPath,
        expectKey: true,
        pendingKey: null,
        index: 0,
      });
    }
  }
  return lines;
}

/** Returns offset → 1-based line, by binary search over the line start offsets. */
export function lineFinder(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < source.length; i += 1) {
    if (source.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const BLOCK_KEY =
  /^([ \t]*)(?:"([^"]*)"|'([^']*)'|([^\s#'"?:{}[\],&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/**
 * Best guess at the key a broken source line belongs to, for syntax errors (where no event
 * stream exists): the block-mapping keys above `line` (1-based), nested by indentation.
 * Only key names are returned, never values, so a secret on the broken line is not echoed.
 */
export function nearestKeyPath(source: string, line: number): string | null {
  const stack: { indent: number; key: string }[] = [];
  const rows = source.split(/\r?\n/).slice(0, line);
  for (const row of rows) {
    const match = BLOCK_KEY.exec(row);
    if (!match) continue;
    const indent = (match[1] ?? '').length;
    const key = match[2] ?? match[3] ?? (match[4] ?? '').trim();
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    stack.push({ indent, key });
  }
  return stack.length > 0 ? stack.map((entry) => entry.key).join('.') : null;
}

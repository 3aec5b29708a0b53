import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { LineIndex, tokenEnd } from './line-index';

// Where each profile and each of its settings is written in the file, read from js-yaml's event
// stream (which references the source by offsets). Only what can be changed by splicing text is
// marked editable; the rest carries the reason, in words, so the form can refuse instead of guess.

export interface EntryLayout {
  key: string;
  /** Offset of the start of the key's line. */
  lineStart: number;
  /** The value as written: [valueStart, valueEnd) on the key's line when `multiLine` is false. */
  valueStart: number;
  valueEnd: number;
  /** Offset just after the key's colon. */
  colonEnd: number;
  /** The value continues on later lines (block scalar, nested list, wrapped text…). */
  multiLine: boolean;
  /** 0-based line of the entry's last line of content. */
  lastLine: number;
  /** Anchors, aliases or tags in the value: it cannot be rewritten without changing what they mean. */
  special: boolean;
}

export interface ProfileLayout {
  name: string;
  /** The profile name as written, [keyStart, keyEnd). */
  keyStart: number;
  keyEnd: number;
  /** 0-based line of the profile name, and of its last line of content. */
  firstLine: number;
  lastLine: number;
  /** null when the profile can be edited; else why not. */
  refusal: string | null;
  entries: EntryLayout[];
  /** Column of the settings under the name. */
  indent: number | null;
}

export interface FileLayout {
  lines: LineIndex;
  eol: '\n' | '\r\n';
  /** null when profiles can be added to and removed from the file; else why not. */
  refusal: string | null;
  profiles: ProfileLayout[];
}

type NodeEvent = Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP }>;

const TEXT_EDITOR = 'change it in a text editor';

/** Reads the layout; throws js-yaml's exception for a source with a syntax error. */
export function readLayout(source: string): FileLayout {
  const events = parseEvents(source, {});
  const lines = new LineIndex(source);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const base = { lines, eol, profiles: [] } as const;
  const documents = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
  if (documents > 1) {
    return {
      ...base,
      profiles: [],
      refusal: `the file holds more than one YAML document (---); ${TEXT_EDITOR}`,
    };
  }
  const root = events[1];
  if (!root || root.type === EVENT_ID.POP || isEmptyScalar(root))
    return { ...base, profiles: [], refusal: null };
  if (
    root.type !== EVENT_ID.MAPPING ||
    root.style !== COLLECTION_STYLE.BLOCK ||
    has(root.tagStart) ||
    has(root.anchorStart)
  ) {
    return {
      ...base,
      profiles: [],
      refusal: `the top level is not written as one profile name per line (name:); ${TEXT_EDITOR}`,
    };
  }

  const reader = new EventReader(events, 2);
  const profiles: ProfileLayout[] = [];
  const keys: { start: number; end: number; name: string; value: NodeEvent; valueAt: number }[] = [];
  while (reader.peek()?.type !== EVENT_ID.POP && reader.peek()) {
    const key = reader.next() as NodeEvent;
    const valueAt = reader.index;
    const value = reader.next() as NodeEvent;
    reader.skipChildren(value);
    if (key.type !== EVENT_ID.SCALAR || has(key.anchorStart) || has(key.tagStart)) {
      return { ...base, profiles: [], refusal: `a profile name is not plain text; ${TEXT_EDITOR}` };
    }
    const [start, end] = scalarSpan(key);
    keys.push({ start, end, name: getScalarValue(source, key), value, valueAt });
  }
  keys.forEach((key, i) => {
    const firstLine = lines.lineOf(key.start);
    const nextLine = i + 1 < keys.length ? lines.lineOf(keys[i + 1]!.start) : lines.count;
    const lastLine = Math.max(firstLine, lines.lastContentLine(firstLine, nextLine));
    const profile: ProfileLayout = {
      name: key.name,
      keyStart: key.start,
      keyEnd: key.end,
      firstLine,
      lastLine,
      refusal: null,
      entries: [],
      indent: null,
    };
    profile.refusal = profileRefusal(key.value) ?? readEntries(source, lines, events, key.valueAt, profile);
    profiles.push(profile);
  });
  return { lines, eol, refusal: null, profiles };
}

function profileRefusal(value: NodeEvent): string | null {
  if (value.type === EVENT_ID.ALIAS) return `it is an alias (*) of another profile; ${TEXT_EDITOR}`;
  if (value.type !== EVENT_ID.MAPPING)
    return `it is not written as indented key: value lines; ${TEXT_EDITOR}`;
  if (value.style === COLLECTION_STYLE.FLOW) return `it is written as a flow mapping ({ … }); ${TEXT_EDITOR}`;
  if (has(value.tagStart)) return `it carries a YAML tag (!); ${TEXT_EDITOR}`;
  return null;
}

/** Fills `profile.entries`; returns a refusal when a setting is written in a way we cannot edit. */
function readEntries(
  source: string,
  lines: LineIndex,
  events: Event[],
  mappingAt: number,
  profile: ProfileLayout,
): string | null {
  const reader = new EventReader(events, mappingAt + 1);
  const found: { key: string; keyStart: number; keyEnd: number; special: boolean }[] = [];
  while (reader.peek() && reader.peek()?.type !== EVENT_ID.POP) {
    const key = reader.next() as NodeEvent;
    const value = reader.next() as NodeEvent;
    const special = isSpecial(value) || reader.skipChildren(value);
    if (key.type !== EVENT_ID.SCALAR || has(key.anchorStart) || has(key.tagStart)) {
      return `one of its settings has a name that is not plain text; ${TEXT_EDITOR}`;
    }
    const name = getScalarValue(source, key);
    if (name === '<<' && key.style === SCALAR_STYLE.PLAIN) {
      return `it takes settings from another profile with a merge key (<<:); ${TEXT_EDITOR}`;
    }
    const [keyStart, keyEnd] = scalarSpan(key);
    found.push({ key: name, keyStart, keyEnd, special });
  }
  const lastProfileLine = profile.lastLine;
  for (const [i, entry] of found.entries()) {
    const line = lines.lineOf(entry.keyStart);
    const colon = source.indexOf(':', entry.keyEnd);
    if (colon < 0 || source.slice(entry.keyEnd, colon).trim() !== '' || lines.lineOf(colon) !== line) {
      return `the setting ${entry.key} is not written as key: value; ${TEXT_EDITOR}`;
    }
    const column = entry.keyStart - lines.start(line);
    if (profile.indent === null) profile.indent = column;
    if (column !== profile.indent || line <= profile.firstLine) {
      return `its settings are not one per line at the same indentation; ${TEXT_EDITOR}`;
    }
    const next = found[i + 1];
    const nextLine = next ? lines.lineOf(next.keyStart) : lastProfileLine + 1;
    const lastLine = Math.max(line, lines.lastContentLine(line, nextLine));
    const lineEnd = lines.end(line);
    let valueStart = colon + 1;
    while (valueStart < lineEnd && /[ \t]/.test(source[valueStart] ?? '')) valueStart += 1;
    profile.entries.push({
      key: entry.key,
      lineStart: lines.start(line),
      colonEnd: colon + 1,
      valueStart,
      valueEnd: tokenEnd(source, valueStart, lineEnd),
      multiLine: lastLine > line,
      lastLine,
      special: entry.special,
    });
  }
  return null;
}

/** Walks the event list one node at a time. */
class EventReader {
  constructor(
    private readonly events: Event[],
    public index: number,
  ) {}

  peek(): Event | undefined {
    return this.events[this.index];
  }

  next(): Event | undefined {
    const event = this.events[this.index];
    this.index += 1;
    return event;
  }

  /** Moves past the children of a collection (and its closing POP); true if any is special. */
  skipChildren(node: NodeEvent): boolean {
    if (node.type !== EVENT_ID.MAPPING && node.type !== EVENT_ID.SEQUENCE) return false;
    let depth = 1;
    let special = false;
    while (depth > 0 && this.index < this.events.length) {
      const event = this.next()!;
      if (event.type === EVENT_ID.POP) depth -= 1;
      else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) depth += 1;
      if (event.type !== EVENT_ID.POP && event.type !== EVENT_ID.DOCUMENT && isSpecial(event)) special = true;
    }
    return special;
  }
}

function isSpecial(event: NodeEvent): boolean {
  return event.type === EVENT_ID.ALIAS || has(event.anchorStart) || has(event.tagStart);
}

function isEmptyScalar(event: Event): boolean {
  return event.type === EVENT_ID.SCALAR && event.valueStart === event.valueEnd;
}

/** A scalar's text including its quotes. */
function scalarSpan(event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): [number, number] {
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
  return quoted ? [event.valueStart - 1, event.valueEnd + 1] : [event.valueStart, event.valueEnd];
}

const has = (offset: number): boolean => offset >= 0;

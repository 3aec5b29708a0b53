import { locateJsonError } from './json-locate';

/** What the composer knows about its payload: empty, valid JSON, or plain text (with where JSON broke). */
export type PayloadCheck =
  | { kind: 'empty' }
  | { kind: 'json'; pretty: string }
  | { kind: 'text'; problem: string; line: number | null; column: number | null };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export function checkPayload(text: string): PayloadCheck {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', pretty: JSON.stringify(JSON.parse(text) as unknown, null, 2) };
  } catch (error) {
    const found = locateJsonError(text);
    const where = found ? lineColumn(text, found.offset) : null;
    const problem = found?.message ?? (error instanceof Error ? error.message : 'not valid JSON');
    return { kind: 'text', problem, line: where?.line ?? null, column: where?.column ?? null };
  }
}

/** One sentence for the composer: says that text is allowed, and where the JSON is wrong. */
export function describeCheck(check: PayloadCheck): string {
  if (check.kind === 'empty') return 'Empty payload (allowed: an empty retained message clears the topic).';
  if (check.kind === 'json') return 'Valid JSON.';
  const where = check.line === null ? '' : ` at line ${check.line}, column ${check.column}`;
  return `Not valid JSON${where}: ${check.problem}. It will be sent as plain text.`;
}

export { prettyJson } from '../common/pretty-json';

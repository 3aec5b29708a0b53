import type { z } from 'zod';
import { eventContract, type EventBatch } from '../ipc/contract';

// For tests: does what the core sends over the boundary match its schema? A value that fails to
// parse is a problem, and so is one that parses only by losing a field: the schema strips what it
// does not know, so the renderer would never see that field.

/** What is wrong with `value` at the boundary, in words; empty when it parses whole. */
export function schemaProblems(schema: z.ZodType, value: unknown, what: string): string[] {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`);
    return [`${what} does not match its schema: ${issues.join('; ')}`];
  }
  const lost = lostFields(value, parsed.data, '');
  return lost.length > 0 ? [`${what} loses ${lost.join(', ')} in its schema`] : [];
}

/** The problems of every event of a batch, each against its stream's schema in `eventContract`. */
export function batchProblems(batch: EventBatch): string[] {
  return batch.events.flatMap((e) => schemaProblems(eventContract[e.stream], e.payload, `${e.stream} event`));
}

/** Paths of fields that hold a value in `original` and are gone from `parsed`. */
function lostFields(original: unknown, parsed: unknown, at: string): string[] {
  if (typeof original !== 'object' || original === null) return [];
  if (typeof parsed !== 'object' || parsed === null) return [at || '(value)'];
  return Object.entries(original).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    if (value === undefined) return [];
    if (!(key in parsed)) return [path];
    return lostFields(value, (parsed as Record<string, unknown>)[key], path);
  });
}

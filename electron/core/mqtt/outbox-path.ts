import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * The outbox file of a profile inside `folder` (e.g. <userData>/outbox): the name made safe for
 * any file system, plus a short hash so "a/b" and "a_b" never share a file.
 */
export function outboxFileFor(folder: string, profileName: string): string {
  const safe = profileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'profile';
  const hash = createHash('sha256').update(profileName).digest('hex').slice(0, 8);
  return path.join(folder, `${safe}-${hash}.outbox.jsonl`);
}

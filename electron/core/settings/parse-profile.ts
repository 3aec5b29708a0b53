import path from 'node:path';
import { checkProfile, type ProblemSink } from '../../../shared/profile-rules/check-profile';
import type { Profile } from './profile';

export interface ProfileContext {
  /** Absolute folder of the settings file: certificate paths are relative to it. */
  baseDir: string;
  problems: ProblemSink;
  /** null when the file can be read, else the reason it cannot. */
  unreadable: (file: string) => string | null;
}

/**
 * The shared profile checks (shared/profile-rules) with certificate paths resolved against the
 * settings file's folder and checked for readability on this machine.
 */
export function parseProfile(
  name: string,
  raw: Record<string, unknown>,
  ctx: ProfileContext,
): Profile | null {
  return checkProfile(name, raw, {
    problems: ctx.problems,
    resolvePath: (written) => path.resolve(ctx.baseDir, written),
    unreadable: ctx.unreadable,
  });
}

import path from 'node:path';
import {
  checkProfile,
  type ProfileContext as CheckContext,
} from '../../../shared/profile-rules/check-profile';
import type { Profile } from './profile';

/** The shared checks' context, with certificate paths resolved against `baseDir`. */
export type ProfileContext = Omit<CheckContext, 'resolvePath'> & {
  /** Absolute folder of the settings file: certificate paths are relative to it. */
  baseDir: string;
};

/**
 * The shared profile checks (shared/profile-rules) with certificate paths resolved against the
 * settings file's folder and checked for readability on this machine.
 */
export function parseProfile(
  name: string,
  raw: Record<string, unknown>,
  ctx: ProfileContext,
): Profile | null {
  const { baseDir, ...shared } = ctx;
  return checkProfile(name, raw, { ...shared, resolvePath: (written) => path.resolve(baseDir, written) });
}

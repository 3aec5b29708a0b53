import fs from 'node:fs';

// File checks that report *why* a file cannot be used, in words rather than bare errno codes.

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** "no such file or folder (ENOENT)" from a Node fs error; the message for anything else. */
export function osReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return `${REASONS[code] ?? 'cannot be opened'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** null when `file` is a readable regular file, otherwise the reason it is not. */
export function unreadableReason(file: string): string | null {
  try {
    if (fs.statSync(file).isDirectory()) return REASONS.EISDIR + ' (EISDIR)';
    fs.accessSync(file, fs.constants.R_OK);
    return null;
  } catch (error) {
    return osReason(error);
  }
}

export function readTextFile(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A settings file holds passwords: it is only ever replaced whole (a reader sees the old file or
// the new one, never half of either), readable by its owner only, with the old one kept as .bak.

/** Writes `text` to a temporary file beside `file`, flushes it to disk, then renames it over `file`. */
export function writeFileAtomically(file: string, text: string | Buffer): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.chmodSync(temp, 0o600); // in case the umask narrowed nothing but the platform widened it
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dir);
}

/** Keeps `previous` as `<file>.bak`, then writes `text` atomically. */
export function replaceWithBackup(file: string, previous: Buffer | null, text: string): void {
  if (previous !== null) writeFileAtomically(`${file}.bak`, previous);
  writeFileAtomically(file, text);
}

/** Makes a rename durable where the OS allows fsync on a folder (not on Windows). */
export function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported here; the rename itself is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

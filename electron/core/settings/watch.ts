import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

export interface SettingsWatchOptions {
  /** The settings file to watch. */
  file: string;
  /** Called once per settled change of the file's content (also when it appears or vanishes). */
  onChange: () => void;
  /** Quiet time after the last file-system event before the file is read again. */
  debounceMs?: number;
  logger?: Logger;
}

export interface SettingsWatch {
  close(): void;
}

/**
 * Watches a settings file for edits. The directory is watched, not the file: editors that save by
 * writing a new file and renaming it over the old one (vim, VS Code's safe write, many others)
 * replace the inode, and a watch on the old inode would never fire again. Events are debounced,
 * because one save is often several events (truncate, write, rename), and a change is reported
 * only when the bytes really differ, so `touch` or an editor's swap files do not cause reloads.
 */
export function watchSettingsFile(options: SettingsWatchOptions): SettingsWatch {
  const file = path.resolve(options.file);
  const dir = path.dirname(file);
  const name = path.basename(file);
  const debounceMs = options.debounceMs ?? 200;
  let last = readOrNull(file);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const settle = () => {
    timer = null;
    if (closed) return;
    const now = readOrNull(file);
    if (now === last || (now !== null && last !== null && now.equals(last))) return;
    last = now;
    try {
      options.onChange();
    } catch (error) {
      options.logger?.error(`settings watch: reloading ${file} failed: ${(error as Error).message}`);
    }
  };

  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { persistent: false }, (_event, changed) => {
      // Some platforms do not name the file; then any change in the folder is a candidate.
      if (closed || (changed !== null && changed.toString() !== name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(settle, debounceMs);
    });
  } catch (error) {
    options.logger?.warn(
      `settings watch: cannot watch ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); use Reload settings after editing ${name}`,
    );
    return { close: () => undefined };
  }
  watcher.on('error', (error: NodeJS.ErrnoException) => {
    // E.g. the folder was deleted: stop watching rather than crash; reloading by hand still works.
    options.logger?.warn(
      `settings watch: stopped watching ${dir} (${error.code ?? error.message}); use Reload settings after editing ${name}`,
    );
    close();
  });

  function close(): void {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    watcher.close();
  }
  return { close };
}

function readOrNull(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

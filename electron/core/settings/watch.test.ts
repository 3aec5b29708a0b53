import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, memoryLogger } from '../mqtt/test-support/fixtures';
import { watchSettingsFile, type SettingsWatch } from './watch';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const watches: SettingsWatch[] = [];
const dirs: string[] = [];

function setup(initial: string | null = 'lab:\n  ip: one.example\n') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-watch-'));
  dirs.push(dir);
  const file = path.join(dir, 'secrets.yaml');
  if (initial !== null) fs.writeFileSync(file, initial);
  const changes: string[] = [];
  const logger = memoryLogger();
  const watch = watchSettingsFile({
    file,
    debounceMs: 60,
    logger,
    onChange: () => changes.push(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(gone)'),
  });
  watches.push(watch);
  return { dir, file, changes, logger, watch };
}

afterEach(() => {
  for (const watch of watches.splice(0)) watch.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('watchSettingsFile', () => {
  it('reports an edit in place once, after the burst of writes settles', async () => {
    const { file, changes } = setup();
    fs.writeFileSync(file, 'lab:\n');
    fs.appendFileSync(file, '  ip: two.example\n');
    fs.appendFileSync(file, '  port: 1883\n');
    await eventually(() => changes.length > 0, 5000, 'the change');
    await sleep(200);
    expect(changes).toEqual(['lab:\n  ip: two.example\n  port: 1883\n']);
  });

  it('keeps watching when an editor replaces the file (write a temporary file, rename it over)', async () => {
    const { dir, file, changes } = setup();
    for (const text of ['lab:\n  ip: a.example\n', 'lab:\n  ip: b.example\n']) {
      const temporary = path.join(dir, '.secrets.yaml.tmp-1234');
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
      await eventually(() => changes.at(-1) === text, 5000, `the replaced file (${text.trim()})`);
    }
    expect(changes).toHaveLength(2);
  });

  it('ignores other files in the folder and saves that change nothing', async () => {
    const { dir, file, changes } = setup();
    fs.writeFileSync(path.join(dir, 'secrets.yaml.swp'), 'swap');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    fs.writeFileSync(file, fs.readFileSync(file)); // same bytes: an editor's save without edits
    await sleep(300);
    expect(changes).toEqual([]);
    fs.writeFileSync(file, 'garbage: [\n');
    await eventually(() => changes.length === 1, 5000, 'the real change');
  });

  it('reports the file vanishing and coming back', async () => {
    const { file, changes } = setup();
    fs.rmSync(file);
    await eventually(() => changes.at(-1) === '(gone)', 5000, 'the removal');
    fs.writeFileSync(file, 'lab:\n  ip: back.example\n');
    await eventually(() => changes.at(-1) === 'lab:\n  ip: back.example\n', 5000, 'the new file');
  });

  it('watches a file that does not exist yet', async () => {
    const { file, changes } = setup(null);
    fs.writeFileSync(file, 'lab:\n  ip: new.example\n');
    await eventually(() => changes.length === 1, 5000, 'the new file');
  });

  it('stops cleanly: no report after close, even for a change already being debounced', async () => {
    const { file, changes, watch } = setup();
    fs.writeFileSync(file, 'lab:\n  ip: late.example\n');
    await sleep(5); // the event is queued, the debounce timer running
    watch.close();
    watch.close(); // idempotent
    await sleep(300);
    expect(changes).toEqual([]);
  });

  it('says so (and does not throw) when the folder cannot be watched', () => {
    const logger = memoryLogger();
    const watch = watchSettingsFile({
      file: path.join(os.tmpdir(), 'gd-no-such-folder', 'x', 'secrets.yaml'),
      onChange: () => undefined,
      logger,
    });
    watch.close();
    expect(logger.lines.join('\n')).toMatch(/cannot watch .*gd-no-such-folder.*ENOENT.*Reload settings/);
  });

  it('logs a failing reload instead of throwing out of the watcher', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-watch-'));
    dirs.push(dir);
    const file = path.join(dir, 'secrets.yaml');
    const logger = memoryLogger();
    watches.push(
      watchSettingsFile({
        file,
        debounceMs: 20,
        logger,
        onChange: () => {
          throw new Error('boom');
        },
      }),
    );
    fs.writeFileSync(file, 'x: 1\n');
    await eventually(() => logger.lines.some((l) => l.includes('boom')), 5000, 'the logged failure');
    expect(logger.lines.join('\n')).toContain(`reloading ${file} failed: boom`);
  });
});

import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { simulationLine, simulationPreamble, type ReplayFile } from '../../core/capture';
import type { CliIo } from '../io';

/**
 * `replay FILE --to-wmbusmeters OUT`: the telegrams as a wmbusmeters simulation file (OUT, or `-`
 * for stdout), each due at its recorded time relative to the first. Frames the stick delivered
 * damaged are left out and counted. Prints one JSON line saying what was written (on stderr when
 * the file itself goes to stdout).
 */
export async function exportSimulation(replay: ReplayFile, out: string, io: CliIo): Promise<number> {
  const toStdout = out === '-';
  const sink: Writable = toStdout ? process.stdout : fs.createWriteStream(out);
  const failed = toStdout ? null : once(sink, 'error');
  const write = async (line: string) => {
    if (!sink.write(`${line}\n`)) await Promise.race([once(sink, 'drain'), failed]);
  };
  let written = 0;
  let skipped = 0;
  let problems = 0;
  let first: number | null = null;
  try {
    for (const line of simulationPreamble(replay.file, new Date())) await write(line);
    for await (const item of replay.items) {
      if (item.kind === 'problem') {
        problems++;
        io.err(`${replay.file}: ${item.message}`);
      } else if (item.wmbus === null) {
        skipped++;
      } else {
        first ??= item.t;
        const seconds = item.t === null || first === null ? null : (item.t - first) / 1000;
        await write(simulationLine(item.wmbus, seconds));
        written++;
      }
    }
    if (!toStdout) {
      sink.end();
      await Promise.race([once(sink, 'finish'), failed]);
    }
  } catch (error) {
    io.err(`error: cannot write ${out}: ${(error as Error).message}`);
    return 1;
  }
  const summary = {
    event: 'exported',
    format: 'wmbusmeters',
    file: out,
    telegrams: written,
    skipped,
    problems,
  };
  if (toStdout) io.err(JSON.stringify(summary));
  else io.out(summary);
  return 0;
}

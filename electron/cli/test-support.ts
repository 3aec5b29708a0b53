// Test support: runs the CLI in-process and captures what it would print.
import { runCli } from './dispatch';
import type { CliIo } from './io';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonLine = Record<string, any>;

export interface CapturedRun {
  code: number;
  /** Every JSON line, parsed, whether written one by one or in bulk. */
  stdout: JsonLine[];
  /** Plain text on stdout (help). */
  text: string;
  stderr: string;
}

export async function runCliCaptured(argv: string[]): Promise<CapturedRun> {
  const stdout: JsonLine[] = [];
  const text: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    out: (value) => stdout.push(value as JsonLine),
    text: (t) => text.push(t),
    raw: async (chunk) => {
      const lines = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of lines.trim().split('\n')) stdout.push(JSON.parse(line) as JsonLine);
    },
    err: (t) => stderr.push(t),
  };
  const code = await runCli(argv, io);
  return { code, stdout, text: text.join(''), stderr: stderr.join('\n') };
}

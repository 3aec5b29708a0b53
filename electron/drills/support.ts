import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { APP_ROOT } from '../cli/paths';

// Shared plumbing of the fault drills: child processes that are always cleaned up, the CLI run as
// Node itself (not through npm, so signals reach the gateway and its pid is the one to measure).

/** A child process whose stdout is JSON Lines (or plain lines) collected as they come. */
export interface Child {
  process: ChildProcess;
  /** Every stdout line parsed as JSON (lines that are not JSON are kept as `{ text }`). */
  lines: Array<Record<string, unknown>>;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends a signal to the child's whole process group (socat and npm children included). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export class Drill {
  readonly dir: string;
  private readonly children: Child[] = [];

  constructor(name: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `gd-drill-${name}-`));
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** Starts a command in its own process group (so kill() reaches its descendants too). */
  start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
    const child = spawn(command, args, {
      cwd: APP_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: Array<Record<string, unknown>> = [];
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ text: line });
      }
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const handle: Child = {
      process: child,
      lines,
      stderr: () => stderr,
      exited,
      kill: async (signal = 'SIGKILL') => {
        if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
        try {
          process.kill(-child.pid, signal);
        } catch {
          return; // already gone
        }
        await exited;
      },
    };
    this.children.push(handle);
    return handle;
  }

  /** `cli <command> …` as `node bin/gateway-diagnostics.js`, exactly what npm runs (the built CLI). */
  cli(args: string[]): Child {
    return this.start(process.execPath, ['bin/gateway-diagnostics.js', ...args]);
  }

  /** `cli <command> …` to its end, with `input` on its stdin (a password for --password-stdin). */
  cliWithInput(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, ['bin/gateway-diagnostics.js', ...args], {
      cwd: APP_ROOT,
      input,
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** The headless gateway on the virtual stick, monitoring `meter` ("ID=KEY"), with an outbox file. */
  runVirtualGateway(options: {
    settings: string;
    meter: string;
    outbox: string;
    intervalMs: number;
    /** Record the run into this capture file (run --capture). */
    capture?: string;
  }): Child {
    return this.runGateway(options);
  }

  /**
   * `cli run` on the `lab` profile: on `port` (default the virtual stick, its telegrams every
   * `intervalMs`), with an outbox file, monitoring `meter` ("ID=KEY") besides the meters saved in
   * `userData` (default: the drill's own user-data folder, never the real one).
   */
  runGateway(options: {
    settings: string;
    outbox: string;
    port?: string;
    meter?: string;
    intervalMs?: number;
    userData?: string;
    /** Record the run into this capture file (run --capture). */
    capture?: string;
  }): Child {
    return this.cli([
      'run',
      '--settings',
      options.settings,
      '--profile',
      'lab',
      '--port',
      options.port ?? 'virtual',
      ...(options.intervalMs ? ['--virtual-interval-ms', String(options.intervalMs)] : []),
      ...(options.meter ? ['--meter', options.meter] : []),
      '--outbox',
      options.outbox,
      '--user-data',
      options.userData ?? this.file('user-data'),
      ...(options.capture ? ['--capture', options.capture] : []),
    ]);
  }

  /** Kills every child still running and removes the temp folder. */
  async cleanup(): Promise<void> {
    await Promise.all(this.children.map((c) => c.kill('SIGKILL')));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const eventsOf = (child: Child, name: string) => child.lines.filter((l) => l['event'] === name);

/** Resident set size of a live process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** A settings file with one profile; values are written as given (quote them yourself). */
export function writeSettings(file: string, profile: string, entries: Record<string, string | number>): void {
  const lines = [`${profile}:`, ...Object.entries(entries).map(([key, value]) => `  ${key}: ${value}`)];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  while (!(await accepts())) {
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await sleep(25);
  }
}

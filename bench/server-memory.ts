import fs from 'node:fs';

// The app's main process (`npm run web`) memory, from /proc: a page that cannot keep up leaves
// the messages it has not taken yet queued somewhere, and this shows whether that is the server.

/** The pid of the one `cli … web` node process whose XDG_CONFIG_HOME lies under `scratchPrefix`. */
export function findWebServerPid(scratchPrefix: string): number | null {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.includes('web') || !args.some((a) => a.endsWith('bin/gateway-diagnostics.js'))) continue;
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.some((v) => v.startsWith(`XDG_CONFIG_HOME=${scratchPrefix}`))) found.push(Number(entry));
    } catch {
      // The process ended, or is not ours to read.
    }
  }
  // Should a wrapper ever run it in a child node process with the same arguments: keep the innermost.
  const parents = new Set(found.map(parentPid));
  const leaves = found.filter((pid) => !parents.has(pid));
  // Two benches at once would make the reading ambiguous: then it is not taken at all.
  return leaves.length === 1 ? leaves[0]! : null;
}

function parentPid(pid: number): number {
  try {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after the ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Resident set size in bytes, or NaN once the process is gone. */
export function residentBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

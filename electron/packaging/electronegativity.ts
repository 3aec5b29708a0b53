// Runs Electronegativity (Doyensec's static checker for Electron apps) and decides what blocks CI.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface Level {
  value: number;
  name: string;
}

export interface Finding {
  id: string;
  severity: Level;
  confidence: Level;
  /** True for "review required" notes: the tool saw something worth a look, not a defect. */
  manualReview: boolean;
  file: string;
  location: { line: number; column: number };
  description: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the tool could not parse, so did not check; only `tolerable` ones are harmless. */
  parseErrors: Array<{ file: string; message: string; tolerable: boolean }>;
}

type Runner = (
  options: Record<string, unknown>,
) => Promise<{ issues: Finding[]; errors: ScanResult['parseErrors'] }>;

/**
 * The one online check: it downloads Electron's release list and says whether the version in use
 * misses security fixes. CI is offline by design (and an answer that changes by the day does not
 * belong in a gate), so it never blocks; Electron upgrades are decided separately.
 */
export const ONLINE_ONLY_CHECKS = new Set(['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']);

/** Every per-file (atomic) check, for folders where the app-wide global checks make no sense. */
export function atomicCheckNames(): string[] {
  const { CHECKS } = require('@doyensec/electronegativity/dist/finder/checks/AtomicChecks/index.js') as {
    CHECKS: Array<{ name: string }>;
  };
  return CHECKS.map((check) => check.name.toLowerCase());
}

export interface ScanOptions {
  input: string;
  /** Electronegativity's default-settings tables are per Electron version; it cannot read ours from a subfolder. */
  electronVersion: string;
  /** Only per-file checks (no app-wide conclusions such as "no CSP anywhere"). */
  atomicOnly?: boolean;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const result = await run({
    input: options.input,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: options.electronVersion,
    parserPlugins: [],
    ...(options.atomicOnly ? { customScan: atomicCheckNames() } : {}),
  });
  return { findings: result.issues, parseErrors: result.errors };
}

/** HIGH and MEDIUM findings that are not review notes: each one fails CI. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (f) =>
      (f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM') &&
      !f.manualReview &&
      !ONLINE_ONLY_CHECKS.has(f.id),
  );
}

/** Counts per severity, review notes apart: `{ HIGH: { findings: 0, reviewNotes: 0 }, ... }`. */
export function countBySeverity(
  findings: readonly Finding[],
): Record<string, { findings: number; reviewNotes: number }> {
  const counts: Record<string, { findings: number; reviewNotes: number }> = {};
  for (const name of ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'])
    counts[name] = { findings: 0, reviewNotes: 0 };
  for (const f of findings) {
    const bucket = (counts[f.severity.name] ??= { findings: 0, reviewNotes: 0 });
    if (f.manualReview) bucket.reviewNotes++;
    else bucket.findings++;
  }
  return counts;
}

export function describeFinding(f: Finding): string {
  const note = f.manualReview ? ' (review note)' : '';
  return `${f.severity.name}${note} ${f.id} ${f.file}:${f.location.line}:${f.location.column} ${f.description}`;
}

import type { SettingsProblem } from '../../../shared/settings';

/**
 * Collects problems for one settings file and locates each by its dotted key path. A key that
 * is not in the file (e.g. a missing `recalc.ip`) is located at its nearest written parent.
 */
export class ProblemList {
  readonly items: SettingsProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly keyLines: ReadonlyMap<string, number> = new Map(),
  ) {}

  error(key: string | null, message: string, line?: number | null): void {
    this.add('error', key, message, line);
  }

  warning(key: string | null, message: string, line?: number | null): void {
    this.add('warning', key, message, line);
  }

  /** In file order, so the list reads top to bottom; whole-file problems (no line) first. */
  inFileOrder(): SettingsProblem[] {
    return [...this.items].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  /** Number of errors so far: a profile is dropped when this grows while it is checked. */
  get errorCount(): number {
    return this.items.filter((problem) => problem.severity === 'error').length;
  }

  private add(
    severity: SettingsProblem['severity'],
    key: string | null,
    message: string,
    line: number | null | undefined,
  ): void {
    this.items.push({ severity, file: this.file, line: line ?? this.lineOf(key), key, message });
  }

  private lineOf(key: string | null): number | null {
    if (key === null) return null;
    const parts = key.split('.');
    while (parts.length > 0) {
      const line = this.keyLines.get(parts.join('.'));
      if (line !== undefined) return line;
      parts.pop();
    }
    return null;
  }
}

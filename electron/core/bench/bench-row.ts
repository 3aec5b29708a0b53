/** One figure of `npm run bench`, as it appears in bench/REPORT.md. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /**
   * The same job done by a reference (Mosquitto's own clients, the bare platform path, Node's own
   * crypto), measured in the same run on the same machine, so the ratio means something.
   */
  yardstick?: { name: string; value: number };
  /** The target in words, e.g. "≥ 250 000" or "< 5 ms". */
  target?: string;
  /** Whether this run met the target; absent when there is none. */
  met?: boolean;
}

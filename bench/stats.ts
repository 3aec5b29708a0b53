/** Nearest-rank percentile of unsorted numbers; NaN when there are none (printed as such, never hidden). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const max = (values: number[]): number => (values.length === 0 ? Number.NaN : Math.max(...values));

export const MiB = 1024 * 1024;

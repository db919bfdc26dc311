/**
 * A calibration table: the quantiles of a season's standardised residuals at the levels
 * 0, 0.01, …, 1, which is all a forecast needs of the calibration season (the scores themselves
 * are thousands per minute). Levels in between interpolate linearly, so the table is a
 * piecewise-linear quantile function and its inverse a piecewise-linear CDF.
 */
export const TABLE_STEP = 0.01;
export const TABLE_SIZE = Math.round(1 / TABLE_STEP) + 1;

/**
 * Split-conformal quantiles of sorted scores: below the median the ⌊(n + 1)p⌋-th smallest, above
 * it the ⌈(n + 1)p⌉-th, so each one-sided bound covers a new exchangeable game at least as often
 * as its level says. The ends are the smallest and largest score.
 */
export function tableFromSorted(sorted: ArrayLike<number>): number[] {
  const n = sorted.length;
  if (n === 0) throw new RangeError('a calibration table needs at least one score');
  return Array.from({ length: TABLE_SIZE }, (_, i) => {
    const p = i * TABLE_STEP;
    const rank = p < 0.5 ? Math.floor((n + 1) * p) : Math.ceil((n + 1) * p);
    return sorted[Math.min(n, Math.max(1, rank)) - 1] as number;
  });
}

/** The quantile at level p (clamped to [0, 1]). */
export function quantileOf(table: readonly number[], p: number): number {
  const h = Math.min(1, Math.max(0, p)) / TABLE_STEP;
  const lo = Math.min(TABLE_SIZE - 2, Math.floor(h));
  const a = table[lo] as number;
  return a + (h - lo) * ((table[lo + 1] as number) - a);
}

/** The CDF at z: the level whose quantile is z (0 below the table, 1 above it). */
export function cdfOf(table: readonly number[], z: number): number {
  const last = TABLE_SIZE - 1;
  if (z <= (table[0] as number)) return 0;
  if (z >= (table[last] as number)) return 1;
  // table[lo] < z <= table[lo + 1]
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((table[mid] as number) < z) lo = mid;
    else hi = mid;
  }
  let top = hi;
  while ((table[top] as number) === z) top++;
  // A score repeated over several levels: z sits in the middle of their run.
  if (top > hi) return ((hi + top - 1) / 2) * TABLE_STEP;
  const a = table[lo] as number;
  return (lo + (z - a) / ((table[hi] as number) - a)) * TABLE_STEP;
}

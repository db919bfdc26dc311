/** Small numeric helpers shared by the models and their evaluation. */

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

/** Quantile of already sorted values, linear interpolation between order statistics. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (h - lo) * (b - a);
}

export function quantile(xs: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(xs).sort(), p);
}

export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}

/**
 * Ridge least squares by the normal equations: small dense systems (a dozen features), where a
 * Cholesky solve is exact enough and needs no library.
 */
export function ridge(rows: readonly ArrayLike<number>[], targets: ArrayLike<number>, lambda: number, penalizeFirst = false): Float64Array {
  const p = rows[0]?.length ?? 0;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r] as ArrayLike<number>;
    const y = targets[r] as number;
    for (let i = 0; i < p; i++) {
      const xi = x[i] as number;
      b[i] = (b[i] as number) + xi * y;
      for (let j = 0; j <= i; j++) a[i * p + j] = (a[i * p + j] as number) + xi * (x[j] as number);
    }
  }
  // The first column is the intercept by convention and is left unpenalized unless asked.
  for (let i = penalizeFirst ? 0 : 1; i < p; i++) a[i * p + i] = (a[i * p + i] as number) + lambda * rows.length;
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) a[i * p + j] = a[j * p + i] as number;
  return choleskySolve(a, b, p);
}

function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      // A tiny floor keeps a degenerate column (all zeros) from producing NaN.
      l[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[j * p + j] as number);
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (z[k] as number);
    z[i] = s / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}

export function dot(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i] as number) * (x[i] as number);
  return s;
}

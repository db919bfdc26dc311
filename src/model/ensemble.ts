export interface EnsembleFitOptions {
  /** Grid step of the first search over the simplex. */
  readonly coarse?: number;
  /** Step of the refinement. */
  readonly fine?: number;
  /**
   * A component must lower the validation MAE by more than this share to keep any weight.
   * One season is ~1,230 games, and weights fitted on it chase its noise: a component whose
   * gain there is smaller than this is more likely to cost than to help on the next season.
   */
  readonly tolerance?: number;
}

/**
 * Ensemble weights: non-negative, summing to 1, minimising the mean absolute error of the
 * combined forecast on validation games. Components that do not earn their place (see
 * `tolerance`) are dropped and get exactly 0.
 */
export function fitEnsembleWeights(forecasts: readonly Float64Array[], actual: Float64Array, options: EnsembleFitOptions = {}): number[] {
  const tolerance = options.tolerance ?? 0.002;
  let active = forecasts.map((_, i) => i);
  let fit = fitActive(forecasts, actual, active, options);
  while (active.length > 1) {
    const tries = active.map((drop) => {
      const rest = active.filter((i) => i !== drop);
      return { rest, fit: fitActive(forecasts, actual, rest, options) };
    });
    const cheapest = tries.reduce((a, b) => (b.fit.loss < a.fit.loss ? b : a));
    if (cheapest.fit.loss > fit.loss * (1 + tolerance)) break;
    active = cheapest.rest;
    fit = cheapest.fit;
  }
  return fit.weights;
}

function fitActive(forecasts: readonly Float64Array[], actual: Float64Array, active: readonly number[], options: EnsembleFitOptions): { weights: number[]; loss: number } {
  const sub = simplexFit(active.map((i) => forecasts[i] as Float64Array), actual, options.coarse ?? 0.05, options.fine ?? 0.01);
  const weights = forecasts.map(() => 0);
  active.forEach((i, j) => (weights[i] = sub.w[j] as number));
  return { weights, loss: sub.loss };
}

/**
 * A coarse grid over the simplex finds the basin, then moves of weight between pairs of
 * components refine it.
 */
function simplexFit(forecasts: readonly Float64Array[], actual: Float64Array, coarse: number, fine: number): { w: number[]; loss: number } {
  const m = forecasts.length;
  if (m === 0) throw new RangeError('fitEnsembleWeights needs at least one component');
  const loss = (w: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < actual.length; i++) {
      let p = 0;
      for (let c = 0; c < m; c++) p += (w[c] as number) * ((forecasts[c] as Float64Array)[i] as number);
      s += Math.abs((actual[i] as number) - p);
    }
    return s / actual.length;
  };
  let best = { w: simplexGrid(m, Math.round(1 / coarse))[0] as number[], loss: Number.POSITIVE_INFINITY };
  for (const w of simplexGrid(m, Math.round(1 / coarse))) {
    const l = loss(w);
    if (l < best.loss) best = { w, loss: l };
  }
  for (let improved = true; improved; ) {
    improved = false;
    for (let from = 0; from < m; from++) {
      for (let to = 0; to < m; to++) {
        const move = Math.min(fine, best.w[from] as number);
        if (from === to || move <= 0) continue;
        const w = [...best.w];
        w[from] = round((w[from] as number) - move);
        w[to] = round((w[to] as number) + move);
        const l = loss(w);
        if (l < best.loss - 1e-12) {
          best = { w, loss: l };
          improved = true;
        }
      }
    }
  }
  return best;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** All weight vectors of m components in steps of 1/n. */
function simplexGrid(m: number, n: number): number[][] {
  return compositions(m, n).map((c) => c.map((units) => units / n));
}

/** Every way to share n units among m components. */
function compositions(m: number, n: number): number[][] {
  if (m === 1) return [[n]];
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) for (const rest of compositions(m - 1, n - i)) out.push([i, ...rest]);
  return out;
}

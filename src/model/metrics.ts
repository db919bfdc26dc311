import { seededRandom } from './random.ts';

/** The figures every forecaster is judged by (JSON field names as `--json` writes them). */
export interface Scores {
  readonly games: number;
  readonly mae: number;
  readonly rmse: number;
  /** 1 − MAE / MAE(persistence). */
  readonly skill: number;
  /** Share of games whose d24 fell inside the interval. */
  readonly coverage: number;
  readonly mean_width: number;
  /** Winkler interval score: width plus 2/α times the distance by which the interval missed. */
  readonly winkler: number;
}

export interface Scored {
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
  readonly actual: number;
}

export function score(rows: readonly Scored[], alpha: number, persistenceMae: number): Scores {
  let abs = 0;
  let sq = 0;
  let inside = 0;
  let width = 0;
  let winkler = 0;
  for (const r of rows) {
    const e = r.actual - r.point;
    abs += Math.abs(e);
    sq += e * e;
    const w = r.upper - r.lower;
    width += w;
    if (r.actual >= r.lower && r.actual <= r.upper) inside++;
    winkler += w + (2 / alpha) * (Math.max(0, r.lower - r.actual) + Math.max(0, r.actual - r.upper));
  }
  const n = rows.length;
  const mae = abs / n;
  return { games: n, mae, rmse: Math.sqrt(sq / n), skill: 1 - mae / persistenceMae, coverage: inside / n, mean_width: width / n, winkler: winkler / n };
}

export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Paired bootstrap of mean(a) − mean(b) over the same games: games are resampled with their
 * two errors together, so the game-to-game difficulty cancels out.
 */
export function pairedBootstrap(a: ArrayLike<number>, b: ArrayLike<number>, replicates = 2000, seed = 1, level = 0.95): Interval {
  const n = a.length;
  const diff = Float64Array.from({ length: n }, (_, i) => (a[i] as number) - (b[i] as number));
  const estimate = diff.reduce((s, v) => s + v, 0) / n;
  const random = seededRandom(seed);
  const means = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diff[Math.floor(random() * n)] as number;
    means[r] = s / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return { estimate, lower: means[Math.floor(tail * replicates)] as number, upper: means[Math.ceil((1 - tail) * replicates) - 1] as number };
}

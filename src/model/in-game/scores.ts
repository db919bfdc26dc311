import { marginAt } from '../game-time.ts';
import type { Interval } from '../metrics.ts';
import { pairedBootstrap } from '../metrics.ts';
import type { BrownianBaseline } from './brownian.ts';
import type { GameRun } from './evaluation.ts';
import type { Distribution } from './forecaster.ts';
import { CENTRAL_INTERVALS, intervalLevels, levelIndex, QUANTILE_LEVELS } from './levels.ts';
import type { Target } from './targets.ts';
import { actualOf } from './targets.ts';

/** The minutes the issue judges at. */
export const CHECKPOINT_MINUTES = [6, 12, 18, 24, 30, 36, 42, 46] as const;

export interface MarginScores {
  readonly minute: number;
  readonly games: number;
  readonly mae: number;
  /** MAE of persistence (the margin at that minute). */
  readonly persistence_mae: number;
  /** Paired bootstrap 95% interval of MAE(model) − MAE(persistence). */
  readonly mae_diff: Interval;
  /** CRPS from the published quantiles; persistence's is its MAE. */
  readonly crps: number;
  /** The Brownian baseline's CRPS from its quantiles at the same levels (final margin only). */
  readonly baseline_crps?: number | undefined;
  /** Share of games inside the central 50%, 80% and 95% intervals. */
  readonly coverage: Readonly<Record<string, number>>;
  /** PIT histogram: shares of games in the ten deciles of the predictive distribution. */
  readonly pit: readonly number[];
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly games: number;
  readonly mean_forecast: number;
  readonly observed: number;
}

export interface WinScores {
  readonly minute: number;
  readonly games: number;
  readonly log_loss: number;
  readonly brier: number;
  readonly baseline_log_loss: number;
  readonly baseline_brier: number;
  readonly reliability: readonly ReliabilityBin[];
}

/**
 * CRPS as twice the quantile score integrated over levels, the integral taken by the trapezoid
 * rule over the published levels (the two tails flat to 0 and 1). A point forecast (every
 * quantile equal) scores its absolute error.
 */
export function quantileCrps(quantiles: readonly number[], actual: number): number {
  let s = 0;
  QUANTILE_LEVELS.forEach((tau, k) => {
    const left = k === 0 ? 0 : (QUANTILE_LEVELS[k - 1] as number);
    const right = k === QUANTILE_LEVELS.length - 1 ? 1 : (QUANTILE_LEVELS[k + 1] as number);
    const weight = (k === 0 ? tau + (right - tau) / 2 : k === QUANTILE_LEVELS.length - 1 ? (tau - left) / 2 + (1 - tau) : (right - left) / 2);
    const q = quantiles[k] as number;
    s += weight * (actual < q ? (1 - tau) * (q - actual) : tau * (actual - q));
  });
  return 2 * s;
}

const DECILE_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map(levelIndex);

/** Which tenth of the predictive distribution the outcome fell in (the deciles are published levels). */
export function pitDecile(quantiles: readonly number[], actual: number): number {
  let bin = 0;
  while (bin < DECILE_LEVELS.length && actual > (quantiles[DECILE_LEVELS[bin] as number] as number)) bin++;
  return bin;
}

function distributionOf(run: GameRun, minute: number, target: Target): Distribution | undefined {
  const f = run.forecasts[minute - 1];
  return target === 'final' ? f?.final : f?.halftime;
}

export function marginScores(runs: readonly GameRun[], target: Target, minute: number, baseline?: BrownianBaseline): MarginScores {
  const rows = runs.flatMap((run) => {
    const d = distributionOf(run, minute, target);
    return d ? [{ run, d, actual: actualOf(run.game, target), margin: marginAt(run.game.d, minute) }] : [];
  });
  const n = rows.length;
  const modelErrors = rows.map((r) => Math.abs(r.actual - r.d.point));
  const persistenceErrors = rows.map((r) => Math.abs(r.actual - r.margin));
  const coverage: Record<string, number> = {};
  for (const c of CENTRAL_INTERVALS) {
    const { lower, upper } = intervalLevels(c);
    coverage[String(c)] = rows.filter((r) => r.actual >= (r.d.quantiles[lower] as number) && r.actual <= (r.d.quantiles[upper] as number)).length / n;
  }
  const pit = new Array<number>(10).fill(0);
  for (const r of rows) pit[pitDecile(r.d.quantiles, r.actual)] = (pit[pitDecile(r.d.quantiles, r.actual)] as number) + 1 / n;
  const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
  return {
    minute,
    games: n,
    mae: mean(modelErrors),
    persistence_mae: mean(persistenceErrors),
    mae_diff: pairedBootstrap(modelErrors, persistenceErrors),
    crps: mean(rows.map((r) => quantileCrps(r.d.quantiles, r.actual))),
    baseline_crps: baseline && target === 'final' ? mean(rows.map((r) => quantileCrps(baseline.final(minute, r.margin, r.run.expected).quantiles, r.actual))) : undefined,
    coverage,
    pit,
  };
}

/** Log loss with probabilities kept off 0 and 1, so one confident miss costs a lot but not infinity. */
function logLoss(p: number, won: boolean): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return -Math.log(won ? q : 1 - q);
}

export function winScores(runs: readonly GameRun[], minute: number, baseline: BrownianBaseline): WinScores {
  const rows = runs.map((run) => ({
    p: (run.forecasts[minute - 1] as { homeWinProbability: number }).homeWinProbability,
    b: baseline.winProbability(minute, marginAt(run.game.d, minute), run.expected),
    won: actualOf(run.game, 'final') > 0,
  }));
  const n = rows.length;
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, games: 0, sum: 0, wins: 0 }));
  for (const r of rows) {
    const bin = bins[Math.min(9, Math.floor(r.p * 10))] as (typeof bins)[number];
    bin.games++;
    bin.sum += r.p;
    if (r.won) bin.wins++;
  }
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0) / n;
  return {
    minute,
    games: n,
    log_loss: sum((r) => logLoss(r.p, r.won)),
    brier: sum((r) => ((r.won ? 1 : 0) - r.p) ** 2),
    baseline_log_loss: sum((r) => logLoss(r.b, r.won)),
    baseline_brier: sum((r) => ((r.won ? 1 : 0) - r.b) ** 2),
    reliability: bins.map((b) => ({ from: b.from, to: b.to, games: b.games, mean_forecast: b.games ? b.sum / b.games : Number.NaN, observed: b.games ? b.wins / b.games : Number.NaN })),
  };
}

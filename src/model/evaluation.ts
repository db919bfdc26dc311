import { groupLabel, groupOf } from './conformal.ts';
import type { GameRecord } from './dataset.ts';
import type { HalftimeModel } from './halftime-model.ts';
import type { Interval, Scored, Scores } from './metrics.ts';
import { pairedBootstrap, score } from './metrics.ts';
import type { GameContext } from './predictor.ts';
import { PATTERN_MINUTES } from './predictor.ts';
import { possessionAt18 } from './examples.ts';
import { WITHOUT_POSSESSION } from './forecasters.ts';

/** One scored game: the ensemble's forecast, each component's and each baseline's. */
export interface GamePrediction {
  readonly gameId: string;
  readonly gameDate: string;
  readonly d18: number;
  readonly actual: number;
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
  /** Forecasts of d24 by component name (`dejavu`, `lstm`, …). */
  readonly components: Readonly<Record<string, number>>;
  readonly baselines: Readonly<Record<string, number>>;
}

export interface GroupCoverage {
  readonly group: string;
  readonly games: number;
  readonly coverage: number;
  readonly mean_width: number;
}

/** What `--json` writes: the ensemble at the top level, then every component and baseline. */
export interface EvaluationSummary extends Scores {
  readonly model_version: string;
  readonly coverage_target: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly components: Readonly<Record<string, Scores>>;
  readonly baselines: Readonly<Record<string, Scores>>;
  /** Paired bootstrap 95% interval of MAE(ensemble) − MAE(persistence). */
  readonly mae_diff_vs_persistence: Interval;
  readonly coverage_by_d18: readonly GroupCoverage[];
}

export interface Evaluation {
  readonly predictions: readonly GamePrediction[];
  readonly summary: EvaluationSummary;
}

/**
 * Scores a model on games as the live service would meet them: night by night, every forecast
 * of a night made before any of that night's halftime results is fed back through `observe`.
 */
export function evaluateGames(model: HalftimeModel, games: readonly GameRecord[], possessions?: ReadonlyMap<string, Int8Array>): Evaluation {
  const ordered = [...games].sort((a, b) => (a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : a.gameId < b.gameId ? -1 : 1));
  const predictions: GamePrediction[] = [];
  for (let i = 0; i < ordered.length; ) {
    const night: Array<{ prediction: GamePrediction; context: GameContext; pattern: number[] }> = [];
    const date = (ordered[i] as GameRecord).gameDate;
    for (; i < ordered.length && (ordered[i] as GameRecord).gameDate === date; i++) {
      const g = ordered[i] as GameRecord;
      const context: GameContext = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate, possession: possessionAt18(possessions, g.gameId) };
      const pattern = g.d.slice(0, PATTERN_MINUTES);
      const features = model.featuresOf(context);
      const f = model.forecast(pattern, features);
      const components = Object.fromEntries(model.components.map((c) => [c.name, f.components[`${c.name}_prediction`] as number]));
      const baselines = Object.fromEntries(model.baselines.map((b) => [b.name, b.predict(pattern, features)]));
      baselines[WITHOUT_POSSESSION] = f.point - model.possessionWeight * features.possession;
      night.push({ context, pattern, prediction: { gameId: g.gameId, gameDate: g.gameDate, d18: pattern[17] as number, actual: g.d[23] as number, point: f.point, lower: f.lower, upper: f.upper, components, baselines } });
    }
    for (const { prediction: p, context, pattern } of night) {
      predictions.push(p);
      model.observe({ context, pattern, actual: p.actual, forecast: { point: p.point, lower: p.lower, upper: p.upper, coverage: model.coverage, components: {}, modelVersion: model.modelVersion } });
    }
  }
  return { predictions, summary: summarize(model, predictions) };
}

export function summarize(model: HalftimeModel, predictions: readonly GamePrediction[]): EvaluationSummary {
  const alpha = 1 - model.coverage;
  const withSplit = (name: string, point: (p: GamePrediction) => number): Scored[] => {
    const half = model.splitHalfWidth(name);
    return predictions.map((p) => ({ point: point(p), lower: point(p) - half, upper: point(p) + half, actual: p.actual }));
  };
  const persistence = withSplit('persistence', (p) => p.d18);
  const persistenceMae = persistence.reduce((s, r) => s + Math.abs(r.actual - r.point), 0) / persistence.length;
  const scoresOf = (names: readonly string[], pick: (p: GamePrediction, n: string) => number): Record<string, Scores> =>
    Object.fromEntries(names.map((n) => [n, score(withSplit(n, (p) => pick(p, n)), alpha, persistenceMae)]));
  const groups = new Map<number, GamePrediction[]>();
  for (const p of predictions) {
    const g = groupOf(p.d18);
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  return {
    ...score(predictions, alpha, persistenceMae),
    model_version: model.modelVersion,
    coverage_target: model.coverage,
    weights: Object.fromEntries(model.components.map((c, i) => [c.name, model.weights[i] as number])),
    components: scoresOf(model.components.map((c) => c.name), (p, n) => p.components[n] as number),
    baselines: scoresOf([...model.baselines.map((b) => b.name), ...(model.possessionWeight === 0 ? [] : [WITHOUT_POSSESSION])], (p, n) => p.baselines[n] as number),
    mae_diff_vs_persistence: pairedBootstrap(predictions.map((p) => Math.abs(p.actual - p.point)), predictions.map((p) => Math.abs(p.actual - p.d18))),
    coverage_by_d18: [...groups.keys()].sort((a, b) => a - b).map((g) => {
      const rows = groups.get(g) as GamePrediction[];
      const s = score(rows, alpha, persistenceMae);
      return { group: groupLabel(g), games: rows.length, coverage: s.coverage, mean_width: s.mean_width };
    }),
  };
}

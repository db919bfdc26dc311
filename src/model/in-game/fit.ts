import type { HistoricalGame } from '../../domain/historical-game.ts';
import { atMinute, minuteDiff } from '../../domain/minutes.ts';
import { dot, ridge } from '../linear-algebra.ts';
import type { Possession } from '../possession.ts';
import type { MinuteSituation } from './situation.ts';
import { regressors } from './situation.ts';
import { tableFromSorted } from './table.ts';
import type { Target } from './targets.ts';
import { actualOf, forecastMinutes } from './targets.ts';

/** A finished game with what was known before it and, when its play-by-play is at hand, possession by minute. */
export interface InGameExample {
  readonly game: HistoricalGame;
  /** Pre-game expected final margin. */
  readonly expected: number;
  readonly possession?: Int8Array | undefined;
}

/** One linear model of (target − margin) at one minute, with its scale and calibration table. */
export interface VariantFit {
  readonly weights: readonly number[];
  /** Root mean square residual on the training seasons: residuals are divided by it before calibration. */
  readonly scale: number;
  /** Quantiles of the standardised residuals of the calibration season (`table.ts`). */
  readonly table: readonly number[];
}

export interface MinuteFit {
  readonly minute: number;
  /** For games whose possession is known (the live feed, play-by-play). */
  readonly withPossession: VariantFit;
  /** For games without it (a bare games file): fitted and calibrated without that column. */
  readonly withoutPossession: VariantFit;
}

export interface FitOptions {
  /** Calibration pools the scores of this many minutes either side of each minute. */
  readonly pool: number;
}

/** Below this many calibration games with possession, the with-possession variant is calibrated on every game. */
const MIN_POSSESSION_GAMES = 200;

export function situationOf(e: InGameExample, minute: number): MinuteSituation {
  return { minute, margin: minuteDiff(e.game.d, minute), expectedMargin: e.expected, possession: ((e.possession && atMinute(e.possession, minute)) ?? 0) as Possession };
}

/** The model's centre: margin plus the fitted change. */
export function centre(fit: Pick<VariantFit, 'weights'>, s: MinuteSituation, withPossession: boolean): number {
  return s.margin + dot(fit.weights, regressors(s, withPossession));
}

/**
 * Least squares of the change still to come at every minute a target is forecast, on the
 * training games; then the calibration games' standardised residuals, pooled over neighbouring
 * minutes, become each minute's table. Both variants are fitted on every training game (possession
 * 0 where unknown: that column is then learnt from the play-by-play seasons only).
 */
export function fitTarget(target: Target, train: readonly InGameExample[], calibration: readonly InGameExample[], options: FitOptions): MinuteFit[] {
  const minutes = forecastMinutes(target);
  const withPossessionCalibration = calibration.filter((e) => e.possession !== undefined);
  const calibrationFor = (withPossession: boolean): readonly InGameExample[] =>
    withPossession && withPossessionCalibration.length >= MIN_POSSESSION_GAMES ? withPossessionCalibration : calibration;
  const models = minutes.map((minute) => {
    const fit = (withPossession: boolean): Omit<VariantFit, 'table'> => {
      const rows = train.map((e) => regressors(situationOf(e, minute), withPossession));
      const y = train.map((e) => actualOf(e.game, target) - minuteDiff(e.game.d, minute));
      const weights = [...ridge(rows, y, 0)];
      let sq = 0;
      train.forEach((_, i) => (sq += ((y[i] as number) - dot(weights, rows[i] as number[])) ** 2));
      return { weights, scale: Math.sqrt(sq / train.length) };
    };
    return { minute, withPossession: fit(true), withoutPossession: fit(false) };
  });
  const scores = (withPossession: boolean): Float64Array[] =>
    models.map((m) => {
      const v = withPossession ? m.withPossession : m.withoutPossession;
      return Float64Array.from(calibrationFor(withPossession), (e) => (actualOf(e.game, target) - centre(v, situationOf(e, m.minute), withPossession)) / v.scale);
    });
  const withScores = scores(true);
  const withoutScores = scores(false);
  const pooled = (all: readonly Float64Array[], i: number): number[] => {
    const from = Math.max(0, i - options.pool);
    const to = Math.min(all.length - 1, i + options.pool);
    const out: number[] = [];
    for (let j = from; j <= to; j++) for (const z of all[j] as Float64Array) out.push(z);
    return out.sort((a, b) => a - b);
  };
  return models.map((m, i) => ({
    minute: m.minute,
    withPossession: { ...m.withPossession, table: tableFromSorted(pooled(withScores, i)) },
    withoutPossession: { ...m.withoutPossession, table: tableFromSorted(pooled(withoutScores, i)) },
  }));
}

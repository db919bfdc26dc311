import { HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { GameContext, HalftimeForecast, Predictor } from './predictor.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { seasonsOf } from './dataset.ts';
import { ModelError } from './errors.ts';
import { assertPattern } from './pattern.ts';
import { mean, quantile } from './stats.ts';

export interface BaselineOptions {
  /** Nominal coverage of the interval, in (0, 1). Default 0.95. */
  readonly coverage?: number;
}

/**
 * The honest fallback: halftime = d18 plus the average change over the last six minutes, with
 * the empirical quantiles of that change as the interval. Both come from the most recent season
 * only, because the spread of the change has grown across eras.
 */
export function createBaselinePredictor(games: readonly HistoricalGame[], options: BaselineOptions = {}): Predictor {
  const coverage = options.coverage ?? 0.95;
  if (!(coverage > 0 && coverage < 1)) throw new ModelError('invalid_option', `coverage must be in (0, 1), got ${coverage}`);
  const season = seasonsOf(games).at(-1);
  if (season === undefined) throw new ModelError('dataset_empty', 'baseline needs at least one game');
  const changes = games.filter((g) => g.season === season).map((g) => minuteDiff(g.d, HALFTIME_MINUTE) - minuteDiff(g.d, TRIGGER_MINUTE));
  const shift = mean(changes);
  const alpha = 1 - coverage;
  const low = quantile(changes, alpha / 2);
  const high = quantile(changes, 1 - alpha / 2);
  const modelVersion = `baseline-${season}`;
  return {
    modelVersion,
    predict(pattern: readonly number[], _context: GameContext): HalftimeForecast {
      assertPattern(pattern);
      const d18 = minuteDiff(pattern, TRIGGER_MINUTE);
      const point = d18 + shift;
      return { point, lower: d18 + low, upper: d18 + high, coverage, components: { baseline_prediction: point }, modelVersion };
    },
  };
}

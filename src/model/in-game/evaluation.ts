import type { GameRecord } from '../dataset.ts';
import type { InGameForecast, InGameForecaster } from './forecaster.ts';
import { situationOf } from './fit.ts';
import type { Target } from './targets.ts';
import { actualOf, LAST_FORECAST_MINUTE } from './targets.ts';

/** Every forecast the model made for one game, minute 1 to 47. */
export interface GameRun {
  readonly game: GameRecord;
  /** Pre-game expected final margin. */
  readonly expected: number;
  /** `forecasts[m − 1]` was made at the end of minute m. */
  readonly forecasts: readonly InGameForecast[];
}

/**
 * Scores games as the live service would meet them: night by night, every forecast of a night
 * (every minute of every game) made before any of that night's results is fed back through
 * `observe`. Possession is used for the games the table has, unless told not to.
 */
export function runGames(model: InGameForecaster, games: readonly GameRecord[], possessions: ReadonlyMap<string, Int8Array> = new Map()): GameRun[] {
  const ordered = [...games].sort((a, b) => (a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : a.gameId < b.gameId ? -1 : 1));
  const runs: GameRun[] = [];
  for (let i = 0; i < ordered.length; ) {
    const date = (ordered[i] as GameRecord).gameDate;
    const night: GameRun[] = [];
    for (; i < ordered.length && (ordered[i] as GameRecord).gameDate === date; i++) {
      const game = ordered[i] as GameRecord;
      const expected = model.expectedMargin(game);
      const example = { game, expected, possession: possessions.get(game.gameId) };
      const forecasts = Array.from({ length: LAST_FORECAST_MINUTE.final }, (_, m) => model.forecastSituation(situationOf(example, m + 1)));
      night.push({ game, expected, forecasts });
    }
    for (const run of night) {
      for (const target of ['final', 'halftime'] as const satisfies readonly Target[]) {
        model.observe(target, run.forecasts.slice(0, LAST_FORECAST_MINUTE[target]), actualOf(run.game, target));
      }
    }
    runs.push(...night);
  }
  return runs;
}

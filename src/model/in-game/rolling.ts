import type { HistoricalGame } from '../../domain/historical-game.ts';
import { previousSeason } from '../dataset.ts';
import { ModelError } from '../errors.ts';
import type { InGameArtifact } from './artifact.ts';
import { BrownianBaseline } from './brownian.ts';
import type { GameRun } from './evaluation.ts';
import { runGames } from './evaluation.ts';
import { inGameForecaster } from './load.ts';
import type { InGameTrainOptions } from './training.ts';
import { trainInGame } from './training.ts';

export interface InGameSeasonRun {
  readonly season: string;
  readonly artifact: InGameArtifact;
  readonly baseline: BrownianBaseline;
  /** With possession wherever the play-by-play has it. */
  readonly runs: readonly GameRun[];
  /** The same games scored as from a bare games file: no possession at all. */
  readonly runsWithoutPossession: readonly GameRun[];
}

/**
 * Rolling evaluation of one season S: everything learns from seasons up to S−2, S−1 calibrates,
 * S is scored night by night and never looked at before. Never a random split.
 */
export function evaluateInGameSeason(games: readonly HistoricalGame[], possessions: ReadonlyMap<string, Int8Array>, testSeason: string, options: Omit<InGameTrainOptions, 'until'>): InGameSeasonRun {
  const test = games.filter((g) => g.season === testSeason);
  if (test.length === 0) throw new ModelError('dataset_empty', `no games of the test season ${testSeason} in the data`);
  const known = games.filter((g) => g.season <= testSeason);
  const artifact = trainInGame(known, possessions, { ...options, until: previousSeason(testSeason) });
  const baseline = new BrownianBaseline(artifact.brownian_sigma);
  return {
    season: testSeason,
    artifact,
    baseline,
    runs: runGames(inGameForecaster(artifact, known), test, possessions),
    runsWithoutPossession: runGames(inGameForecaster(artifact, known), test),
  };
}

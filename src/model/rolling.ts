import type { HistoricalGame } from '../domain/historical-game.ts';
import { previousSeason } from './dataset.ts';
import type { Evaluation } from './evaluation.ts';
import { evaluateGames } from './evaluation.ts';
import { ModelError } from './errors.ts';
import { modelFromGames } from './index.ts';
import type { TrainOptions } from './training.ts';
import { trainHalftime } from './training.ts';

/**
 * Rolling evaluation of one season S: components train on seasons up to S−2, S−1 tunes and
 * calibrates, S is scored and never looked at before. Never a random split.
 */
export async function evaluateSeason(games: readonly HistoricalGame[], testSeason: string, options: Omit<TrainOptions, 'until'> & { coverage?: number }): Promise<Evaluation> {
  const test = games.filter((g) => g.season === testSeason);
  if (test.length === 0) throw new ModelError('dataset_empty', `no games of the test season ${testSeason} in the data`);
  const known = games.filter((g) => g.season <= testSeason);
  const artifacts = await trainHalftime(known, { ...options, until: previousSeason(testSeason) });
  const model = modelFromGames(artifacts, known, options.coverage === undefined ? {} : { coverage: options.coverage });
  return evaluateGames(model, test, options.possessions);
}

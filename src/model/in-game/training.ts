import { createHash } from 'node:crypto';
import type { HistoricalGame } from '../../domain/historical-game.ts';
import { seasonsOf } from '../dataset.ts';
import { ModelError } from '../errors.ts';
import type { RatingParams } from '../ratings.ts';
import { fitRatingParams, ratedGame, TeamRatings } from '../ratings.ts';
import type { InGameArtifact } from './artifact.ts';
import { BrownianBaseline } from './brownian.ts';
import type { InGameExample, MinuteFit } from './fit.ts';
import { fitTarget } from './fit.ts';

export interface InGameTrainOptions {
  /** The calibration season (the last one used); default the latest in the data. */
  readonly until?: string;
  /** Only train on seasons from this one on. */
  readonly from?: string;
  readonly dataFile: { readonly file: string; readonly sha256: string };
  /** Calibration pools this many minutes either side of each minute. */
  readonly pool?: number;
  readonly aciGamma?: number;
}

export const IN_GAME_DEFAULTS = { pool: 2, aciGamma: 0.005 } as const;

/** The ratings of every game in `games`, each from the games dated before it. */
export function ratingsOf(games: readonly HistoricalGame[], params: RatingParams): TeamRatings {
  return new TeamRatings(games.map(ratedGame), params);
}

/**
 * Trains the in-game model by season, never at random: team-rating parameters, the per-minute
 * linear models and the Brownian baseline learn from the seasons before the last one; the last
 * one (`until`) calibrates the quantiles, because it is the closest to the games to come.
 * Closed-form fits only: a few seconds on one core.
 */
export function trainInGame(allGames: readonly HistoricalGame[], possessions: ReadonlyMap<string, Int8Array>, options: InGameTrainOptions): InGameArtifact {
  const started = performance.now();
  const seasons = seasonsOf(allGames).filter((s) => (options.until === undefined || s <= options.until) && (options.from === undefined || s >= options.from));
  const calibration = seasons.at(-1);
  if (calibration === undefined || seasons.length < 3 || (options.until !== undefined && calibration !== options.until)) {
    throw new ModelError('dataset_empty', `in-game training needs the season ${options.until ?? '(latest)'} and at least two before it; the data has ${seasonsOf(allGames).join(', ') || 'none'}`);
  }
  const trainSeasons = seasons.slice(0, -1);
  const known = allGames.filter((g) => g.season <= calibration && (options.from === undefined || g.season >= options.from));
  const train = known.filter((g) => g.season !== calibration);
  const params = fitRatingParams(train.map(ratedGame));
  const ratings = ratingsOf(known, params);
  const example = (game: HistoricalGame): InGameExample => ({ game, expected: ratings.expectedFor(game.gameId) as number, possession: possessions.get(game.gameId) });
  const trainExamples = train.map(example);
  const calibrationExamples = known.filter((g) => g.season === calibration).map(example);
  const pool = options.pool ?? IN_GAME_DEFAULTS.pool;
  const final = fitTarget('final', trainExamples, calibrationExamples, { pool });
  const halftime = fitTarget('halftime', trainExamples, calibrationExamples, { pool });
  const brownian = BrownianBaseline.fit(train, (g) => ratings.expectedFor(g.gameId) as number);
  const body = {
    ratings: { k: params.k, carry_over: params.carryOver, margin_cap: params.marginCap, home_advantage: params.homeAdvantage },
    brownian_sigma: brownian.sigma,
    aci_gamma: options.aciGamma ?? IN_GAME_DEFAULTS.aciGamma,
    pool,
    final: final.map(toFile),
    halftime: halftime.map(toFile),
  };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 8);
  return {
    metadata: {
      model_version: `in-game-${calibration}-${version}`,
      created_at: new Date().toISOString(),
      trained_through: calibration,
      seasons: { train: trainSeasons, calibration, possession: seasons.filter((s) => known.some((g) => g.season === s && possessions.has(g.gameId))) },
      data: { file: options.dataFile.file, sha256: options.dataFile.sha256, games: allGames.length },
      training_seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    ...body,
  };
}

function toFile(f: MinuteFit): InGameArtifact['final'][number] {
  return { minute: f.minute, with_possession: f.withPossession as { weights: number[]; scale: number; table: number[] }, without_possession: f.withoutPossession as { weights: number[]; scale: number; table: number[] } };
}

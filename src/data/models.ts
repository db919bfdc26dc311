/** The production models, loaded from their folders and the dataset's games. */
import type { HistoricalGame } from '../domain/historical-game.ts';
import type { InGameForecaster } from '../model/in-game/forecaster.ts';
import { inGameForecaster } from '../model/in-game/load.ts';
import { type HalftimeModel, LiveRatings, modelFromGames } from '../model/index.ts';
import { ratedGame, type RatedGame } from '../model/ratings.ts';
import { loadDataDirs } from './data-folders.ts';
import { readInGameModel, readModel } from './model-dir.ts';

export interface LoadHalftimeOptions {
  /** Folder written by `courtside train` (e.g. `models/halftime`). */
  readonly modelDir: string;
  /** Data folder(s) with `minute_diffs.csv`: Dejavu's reference games and season-to-date records. */
  readonly dataDir: string | readonly string[];
  /** Nominal coverage of the interval, default 0.95. */
  readonly coverage?: number;
  /** Finished games beyond the data folder (e.g. a later season being scored): history only, never references. */
  readonly extraGames?: readonly HistoricalGame[];
  /** Told when the data folder is not the one the model was trained on. */
  readonly warn?: (message: string) => void;
}

/**
 * The production forecaster: model files plus the reference games, which are read from the
 * dataset at start-up rather than shipped with the model.
 */
export async function loadHalftimeModel(options: LoadHalftimeOptions): Promise<HalftimeModel> {
  const artifacts = readModel(options.modelDir);
  const { games, file, sha256 } = loadDataDirs(typeof options.dataDir === 'string' ? [options.dataDir] : options.dataDir);
  if (sha256 !== artifacts.metadata.data.sha256) {
    options.warn?.(`${file} differs from the data the model was trained on (sha256 ${sha256.slice(0, 12)}… vs ${artifacts.metadata.data.sha256.slice(0, 12)}…)`);
  }
  return modelFromGames(artifacts, games, options);
}

/** A model from artifacts already in memory (training, evaluation, tests). */

export interface LoadInGameOptions {
  /** Folder written by `courtside train --forecaster in-game` (e.g. `models/in-game`). */
  readonly modelDir: string;
  /** Data folder with `minute_diffs.csv`: the finished games team ratings are read from. */
  readonly dataDir: string | readonly string[];
  /** Finished games beyond the data folder (a later season being scored). */
  readonly extraGames?: readonly HistoricalGame[];
  /** Told when the data folder is not the one the model was trained on. */
  readonly warn?: (message: string) => void;
}

/** The whole-game forecaster: the model file plus team ratings from the dataset's games. */
export function loadInGameModel(options: LoadInGameOptions): InGameForecaster {
  const artifact = readInGameModel(options.modelDir);
  const { games, file, sha256 } = loadDataDirs(typeof options.dataDir === 'string' ? [options.dataDir] : options.dataDir);
  if (sha256 !== artifact.metadata.data.sha256) {
    options.warn?.(`${file} differs from the data the model was trained on (sha256 ${sha256.slice(0, 12)}… vs ${artifact.metadata.data.sha256.slice(0, 12)}…)`);
  }
  const extra = options.extraGames ?? [];
  const scored = new Set(extra.map((g) => g.gameId));
  return inGameForecaster(artifact, [...games.filter((g) => !scored.has(g.gameId)), ...extra]);
}

export interface LiveInGameModel {
  readonly forecaster: InGameForecaster;
  /** The forecaster's ratings, to which the service adds each game it sees finish. */
  readonly ratings: LiveRatings;
}

/**
 * The whole-game forecaster as the live service runs it: team ratings from the dataset's games
 * plus `finishedGames` (finished games the service recorded, e.g. earlier nights of this season),
 * growing with every game that finishes while it runs.
 */
export function loadLiveInGameModel(options: Omit<LoadInGameOptions, 'extraGames'> & { readonly finishedGames?: readonly RatedGame[] }): LiveInGameModel {
  const artifact = readInGameModel(options.modelDir);
  const { games, file, sha256 } = loadDataDirs(typeof options.dataDir === 'string' ? [options.dataDir] : options.dataDir);
  if (sha256 !== artifact.metadata.data.sha256) {
    options.warn?.(`${file} differs from the data the model was trained on (sha256 ${sha256.slice(0, 12)}… vs ${artifact.metadata.data.sha256.slice(0, 12)}…)`);
  }
  const r = artifact.ratings;
  const ratings = new LiveRatings([...games.map(ratedGame), ...(options.finishedGames ?? [])], { k: r.k, carryOver: r.carry_over, marginCap: r.margin_cap, homeAdvantage: r.home_advantage });
  return { forecaster: inGameForecaster(artifact, []), ratings };
}

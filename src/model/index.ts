import type { GameRecord } from './dataset.ts';
import { loadDataDirs } from './data-folders.ts';
import { DejavuIndex } from './dejavu.ts';
import { HalftimeModel } from './halftime-model.ts';
import type { HalftimeArtifacts } from './model-files.ts';
import { readModel } from './model-files.ts';
import { TeamHistory } from './team-form.ts';
import { readInGameModel } from './in-game/artifact.ts';
import type { InGameForecaster } from './in-game/forecaster.ts';
import { inGameForecaster } from './in-game/load.ts';

export type { GameContext, HalftimeForecast, HalftimeOutcome, Predictor } from './predictor.ts';
export { createBaselinePredictor } from './baseline.ts';
export { HalftimeModel } from './halftime-model.ts';

export interface LoadHalftimeOptions {
  /** Folder written by `courtside train` (e.g. `models/halftime`). */
  readonly modelDir: string;
  /** Data folder(s) with `minute_diffs.csv`: Dejavu's reference games and season-to-date records. */
  readonly dataDir: string | readonly string[];
  /** Nominal coverage of the interval, default 0.95. */
  readonly coverage?: number;
  /** Finished games beyond the data folder (e.g. a later season being scored): history only, never references. */
  readonly extraGames?: readonly GameRecord[];
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
export function modelFromGames(artifacts: HalftimeArtifacts, games: readonly GameRecord[], options: { coverage?: number; extraGames?: readonly GameRecord[] } = {}): HalftimeModel {
  const { from, through } = artifacts.metadata.seasons.reference;
  const extra = options.extraGames ?? [];
  // A game being scored must never find itself among the references.
  const scored = new Set(extra.map((g) => g.gameId));
  const referenceGames = games.filter((g) => g.season >= from && g.season <= through && !scored.has(g.gameId));
  const history = new TeamHistory([...games.filter((g) => !scored.has(g.gameId)), ...extra]);
  // Ids and dates let each forecast skip its own game and later ones: replaying a night of the
  // reference seasons must not read that night's halftimes.
  const references = new DejavuIndex(referenceGames.map((g) => ({ pattern: g.d, change: (g.d[23] as number) - (g.d[17] as number), gameId: g.gameId, gameDate: g.gameDate })));
  return new HalftimeModel({ artifacts, references, history, ...(options.coverage === undefined ? {} : { coverage: options.coverage }) });
}

export type { InGameForecast, InGameInput, Distribution } from './in-game/forecaster.ts';
export { InGameForecaster } from './in-game/forecaster.ts';

export interface LoadInGameOptions {
  /** Folder written by `courtside train --forecaster in-game` (e.g. `models/in-game`). */
  readonly modelDir: string;
  /** Data folder with `minute_diffs.csv`: the finished games team ratings are read from. */
  readonly dataDir: string | readonly string[];
  /** Finished games beyond the data folder (a later season being scored). */
  readonly extraGames?: readonly GameRecord[];
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

/**
 * Whether the service makes per-minute forecasts (`forecast_update`): with the whole-game model in
 * `--in-game-model` (checked by the config) or the committed `models/in-game`. Without either the
 * service still streams scores and the 18:00 forecast, and says at start-up that these are off.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './data/location.ts';
import { MODEL_FILE } from './data/model-dir.ts';
import type { LiveInGameModel } from './data/models.ts';
import type { RatedGame } from './model/ratings.ts';
import { seasonOfDate } from './model/season.ts';
import type { Logger } from './domain/logger.ts';
import type { GameStore } from './service/store-port.ts';

export const DEFAULT_IN_GAME_MODEL_DIR = path.join(PROJECT_ROOT, 'models/in-game');

export interface InGameChoice {
  readonly dataDir: string | undefined;
  readonly inGameModelDir?: string | undefined;
}

export async function chooseInGameModel(choice: InGameChoice, store: Pick<GameStore, 'loadGames'>, logger: Logger): Promise<LiveInGameModel | undefined> {
  const modelDir = choice.inGameModelDir ?? DEFAULT_IN_GAME_MODEL_DIR;
  if (!existsSync(path.join(modelDir, MODEL_FILE))) {
    logger.warn({ modelDir }, 'no in-game model found; per-minute forecasts (forecast_update) are off');
    return undefined;
  }
  if (!choice.dataDir) throw new Error('in-game forecasts need the NBA dataset (minute_diffs.csv): pass --data DIR or set NBA_DATA_DIR');
  const { loadLiveInGameModel } = await import('./data/models.ts');
  const model = loadLiveInGameModel({
    modelDir,
    dataDir: choice.dataDir,
    finishedGames: finishedGamesOf(store),
    warn: (message) => logger.warn({ modelDir }, message),
  });
  logger.info({ modelVersion: model.forecaster.modelVersion, modelDir, ratedGames: model.ratings.size }, 'in-game model loaded');
  return model;
}

/** Games the service saw finish on earlier runs: their results rate the teams of later games. */
function finishedGamesOf(store: Pick<GameStore, 'loadGames'>): RatedGame[] {
  return store.loadGames().flatMap(({ game: g }) => {
    const season = seasonOfDate(g.gameDate);
    return g.status === 'Final' && season !== undefined && g.homeScore !== g.awayScore
      ? [{ gameId: g.gameId, season, gameDate: g.gameDate, homeTeam: g.homeTeam, awayTeam: g.awayTeam, margin: g.homeScore - g.awayScore }]
      : [];
  });
}

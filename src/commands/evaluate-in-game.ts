/** `courtside evaluate --target final|halftime|win`: the whole-game forecaster, by rolling season or on a games file. */
import { writeFileSync } from 'node:fs';
import { loadPossessions } from '../data/possessions.ts';
import { loadDataDirs } from '../model/data-folders.ts';
import { DATASET_FILE, loadGames, seasonsOf } from '../model/dataset.ts';
import { readInGameModel } from '../model/in-game/artifact.ts';
import { BrownianBaseline } from '../model/in-game/brownian.ts';
import type { GameRun } from '../model/in-game/evaluation.ts';
import { runGames } from '../model/in-game/evaluation.ts';
import type { EvaluationTarget } from '../model/in-game/output.ts';
import { formatInGameTable, inGamePredictionsCsv, summarizeRuns } from '../model/in-game/output.ts';
import { evaluateInGameSeason } from '../model/in-game/rolling.ts';
import { loadInGameModel } from '../model/index.ts';

export interface InGameEvaluateOptions {
  readonly target: EvaluationTarget;
  readonly dataDirs: readonly string[];
  /** Rolling: the season to test. */
  readonly test?: string | undefined;
  /** On a games file: the trained model and the file. */
  readonly model?: string | undefined;
  readonly games?: string | undefined;
  readonly json?: string | undefined;
  readonly predictions?: string | undefined;
}

/**
 * Rolling (`--test S`): trains on seasons up to S−2, calibrates on S−1, scores S with possession
 * from the data folder's play-by-play. On a games file: the trained model with ratings from the data
 * folder and the file's own earlier games; possession where the data folder has play-by-play for
 * those games, none otherwise (a later season is scored from its games file alone).
 */
export async function evaluateInGame(o: InGameEvaluateOptions, write: (text: string) => void): Promise<void> {
  let runs: readonly GameRun[];
  let baseline: BrownianBaseline;
  let version: string;
  if (o.test !== undefined) {
    const { games, sha256 } = loadDataDirs(o.dataDirs);
    const possessions = await loadPossessions(o.dataDirs, seasonsOf(games).filter((s) => s <= (o.test as string)));
    const season = evaluateInGameSeason(games, possessions, o.test, { dataFile: { file: DATASET_FILE, sha256 } });
    ({ runs, baseline } = season);
    version = season.artifact.metadata.model_version;
  } else {
    const games = loadGames(o.games as string);
    const model = loadInGameModel({ modelDir: o.model as string, dataDir: o.dataDirs, extraGames: games, warn: (m) => process.stderr.write(`warning: ${m}\n`) });
    baseline = new BrownianBaseline(readInGameModel(o.model as string).brownian_sigma);
    runs = runGames(model, games, await loadPossessions(o.dataDirs, seasonsOf(games)));
    version = model.modelVersion;
  }
  const summary = summarizeRuns(runs, o.target, baseline, version);
  write(`${formatInGameTable(summary)}\n`);
  if (o.json) writeFileSync(o.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (o.predictions) writeFileSync(o.predictions, inGamePredictionsCsv(runs, o.target));
}

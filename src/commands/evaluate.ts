import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { oneOf, path, season } from '../config/fields.ts';
import { ConfigError, parseConfig } from '../config/parse.ts';
import { resolveDataDirs } from '../data/location.ts';
import { loadPossessions } from '../data/possessions.ts';
import { loadDataDirs } from '../data/data-folders.ts';
import { loadGames } from '../data/dataset-files.ts';
import { loadHalftimeModel } from '../data/models.ts';
import { tensorflow } from '../data/tf-backend.ts';
import { coverage, DATA_DIRS_HELP, dataDirs } from '../config/model.ts';
import { DATASET_FILE, seasonsOf } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { evaluateGames } from '../model/evaluation.ts';
import { formatTable, predictionsCsv } from '../model/evaluation-output.ts';
import { EVALUATION_TARGETS } from '../model/in-game/output.ts';
import { evaluateSeason } from '../model/rolling.ts';
import { ReplayError } from '../replay/errors.ts';
import { evaluateInGame } from './evaluate-in-game.ts';
import { action, EXIT_FAILURE } from './fail.ts';
import { configOption, flagsOf } from './options.ts';

export const EvaluateConfig = z
  .object({
    dataDirs: dataDirs(),
    test: season().optional(),
    model: path().optional(),
    games: path().optional(),
    coverage: coverage().default(0.95),
    json: path().optional(),
    predictions: path().optional(),
    /** Judge the whole-game forecaster instead of the halftime ensemble. */
    target: oneOf(EVALUATION_TARGETS).optional(),
  })
  .strict();
type EvaluateConfig = z.output<typeof EvaluateConfig>;

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(EvaluateConfig, key, description, value);
  program
    .command('evaluate')
    .description('judge the halftime forecaster: --test SEASON retrains by rolling season (train <= S-2, tune on S-1, test S); --model DIR --games FILE scores a trained model; --target judges the whole-game forecaster the same two ways')
    .addOption(option('dataDirs', DATA_DIRS_HELP, '<dir>'))
    .addOption(option('test', 'season to test, e.g. 2017-18', '<season>'))
    .addOption(option('model', 'trained model folder to score (with --games)', '<dir>'))
    .addOption(option('games', 'minute_diffs.csv-shaped file of games to score (with --model)', '<file>'))
    .addOption(option('coverage', 'nominal coverage of the interval', '<p>'))
    .addOption(option('json', 'write the figures as JSON', '<file>'))
    .addOption(option('predictions', 'write one CSV row per game (per game and minute with --target)', '<file>'))
    .addOption(option('target', 'judge the whole-game forecaster instead: the final margin, the halftime margin (minutes 1-23) or the win probability, at minutes 6, 12, ..., 46', '<target>'))
    .action(action(program, 'evaluate', async (opts: Record<string, unknown>) => evaluate(parseConfig(EvaluateConfig, flagsOf(EvaluateConfig, opts))), (e) => (e instanceof ModelError || e instanceof ReplayError ? EXIT_FAILURE : undefined)));
}

async function evaluate(config: EvaluateConfig): Promise<void> {
  const dirs = resolveDataDirs(config.dataDirs);
  if (!dirs) throw new ConfigError('no dataset folder (use --data DIR or set NBA_DATA_DIR)');
  const { test, model, games: gamesFile, coverage } = config;
  if ((test !== undefined) === (model !== undefined || gamesFile !== undefined)) throw new ConfigError('use either --test SEASON, or --model DIR with --games FILE');
  if (config.target !== undefined) {
    await evaluateInGame({ ...config, target: config.target, dataDirs: dirs }, (text) => process.stdout.write(text));
    return;
  }
  let result: Evaluation;
  if (test !== undefined) {
    const { games, sha256 } = loadDataDirs(dirs);
    const possessions = await loadPossessions(dirs, seasonsOf(games).filter((s) => s <= test));
    result = await evaluateSeason(games, test, { dataFile: { file: DATASET_FILE, sha256 }, coverage, possessions, tf: await tensorflow() });
  } else {
    if (model === undefined || gamesFile === undefined) throw new ConfigError('--model and --games go together');
    const games = loadGames(gamesFile);
    const halftime = await loadHalftimeModel({ modelDir: model, dataDir: dirs, coverage, extraGames: games, warn: (m) => process.stderr.write(`warning: ${m}\n`) });
    result = evaluateGames(halftime, games, await loadPossessions(dirs, seasonsOf(games)));
  }
  process.stdout.write(`${formatTable(result.summary)}\n`);
  if (config.json) writeFileSync(config.json, `${JSON.stringify(result.summary, null, 2)}\n`);
  if (config.predictions) writeFileSync(config.predictions, predictionsCsv(result));
}

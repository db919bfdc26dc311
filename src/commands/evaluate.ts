import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { resolveDataDirs } from '../data/location.ts';
import { loadDataDirs } from '../model/data-folders.ts';
import { DATASET_FILE, loadGames } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { evaluateGames } from '../model/evaluation.ts';
import { formatTable, predictionsCsv } from '../model/evaluation-output.ts';
import { loadHalftimeModel } from '../model/index.ts';
import { evaluateSeason } from '../model/rolling.ts';
import { dataOption } from './data-option.ts';

interface EvaluateOptions {
  data?: string[];
  test?: string;
  model?: string;
  games?: string;
  coverage: string;
  json?: string;
  predictions?: string;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('judge the halftime forecaster: --test SEASON retrains by rolling season (train <= S-2, tune on S-1, test S); --model DIR --games FILE scores a trained model')
    .addOption(dataOption())
    .option('--test <season>', 'season to test, e.g. 2017-18')
    .option('--model <dir>', 'trained model folder to score (with --games)')
    .option('--games <file>', 'minute_diffs.csv-shaped file of games to score (with --model)')
    .addOption(new Option('--coverage <p>', 'nominal coverage of the interval').default('0.95'))
    .option('--json <file>', 'write the figures as JSON')
    .option('--predictions <file>', 'write one CSV row per game')
    .action(async (opts: EvaluateOptions) => {
      const fail = (message: string, exitCode = 2, code = 'invalid_config'): never => program.error(`evaluate: ${message}`, { exitCode, code });
      const dataDirs = resolveDataDirs(opts.data) ?? fail('no dataset folder (use --data DIR or set NBA_DATA_DIR)');
      const coverage = Number(opts.coverage);
      if (!(coverage > 0 && coverage < 1)) fail(`--coverage must be in (0, 1), got ${opts.coverage}`);
      const rolling = opts.test !== undefined;
      if (rolling === (opts.model !== undefined || opts.games !== undefined)) fail('use either --test SEASON, or --model DIR with --games FILE');
      if (!rolling && (opts.model === undefined || opts.games === undefined)) fail('--model and --games go together');
      if (rolling && !/^\d{4}-\d{2}$/.test(opts.test as string)) fail(`--test must be a season like 2017-18, got ${opts.test}`);
      let result: Evaluation;
      try {
        if (rolling) {
          const { games, sha256 } = loadDataDirs(dataDirs);
          result = await evaluateSeason(games, opts.test as string, { dataFile: { file: DATASET_FILE, sha256 }, coverage });
        } else {
          const games = loadGames(opts.games as string);
          const model = await loadHalftimeModel({ modelDir: opts.model as string, dataDir: dataDirs, coverage, extraGames: games, warn: (m) => process.stderr.write(`warning: ${m}\n`) });
          result = evaluateGames(model, games);
        }
      } catch (error) {
        if (error instanceof ModelError) fail(error.message, 1, error.code);
        throw error;
      }
      process.stdout.write(`${formatTable(result.summary)}\n`);
      if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result.summary, null, 2)}\n`);
      if (opts.predictions) writeFileSync(opts.predictions, predictionsCsv(result));
    });
}

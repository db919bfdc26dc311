import { existsSync } from 'node:fs';
import nodePath from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { oneOf, path, season } from '../config/fields.ts';
import { ConfigError, parseConfig } from '../config/parse.ts';
import { PROJECT_ROOT, resolveDataDirs } from '../data/location.ts';
import { loadPossessions } from '../data/possessions.ts';
import { DATA_DIRS_HELP, dataDirs } from '../config/model.ts';
import { loadDataDirs } from '../data/data-folders.ts';
import { writeModel } from '../data/model-dir.ts';
import { tensorflow } from '../data/tf-backend.ts';
import { DATASET_FILE, seasonsOf } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';
import { trainHalftime } from '../model/training.ts';
import { ReplayError } from '../replay/errors.ts';
import { action, EXIT_FAILURE } from './fail.ts';
import { configOption, flagsOf } from './options.ts';
import { trainInGameCommand } from './train-in-game.ts';

export const TrainConfig = z
  .object({
    dataDirs: dataDirs(),
    until: season().optional(),
    /** Default: the committed model of the forecaster, `models/<forecaster>`. */
    out: path().optional(),
    forecaster: oneOf(['halftime', 'in-game']).default('halftime'),
    /** Without `--out`, write over the committed model. */
    force: z.boolean().default(false),
  })
  .strict();
type TrainConfig = z.output<typeof TrainConfig>;

export function register(program: Command): void {
  const option = (key: string, description: string, value?: string) => configOption(TrainConfig, key, description, value);
  program
    .command('train')
    .description('train the halftime forecaster (Dejavu, LSTM, linear, conformal ensemble) and write it to a model folder')
    .addOption(option('dataDirs', DATA_DIRS_HELP, '<dir>'))
    .addOption(option('until', 'last season used, e.g. 2017-18: it tunes and calibrates, the ones before it train (default: the latest)', '<season>'))
    .addOption(option('out', 'model folder to write (default: models/halftime, or models/in-game)', '<dir>'))
    .addOption(option('force', 'without --out: write over the committed model in models/'))
    .addOption(option('forecaster', 'what to train: the 18:00 halftime ensemble, or the whole-game forecaster (every minute, final and halftime margins, win probability)', '<name>'))
    .action(action(program, 'train', async (opts: Record<string, unknown>) => train(parseConfig(TrainConfig, flagsOf(TrainConfig, opts))), (e) => (e instanceof ModelError || e instanceof ReplayError ? EXIT_FAILURE : undefined)));
}

async function train(config: TrainConfig): Promise<void> {
  const dirs = resolveDataDirs(config.dataDirs);
  if (!dirs) throw new ConfigError('no dataset folder (use --data DIR or set NBA_DATA_DIR)');
  const committed = nodePath.join(PROJECT_ROOT, 'models', config.forecaster);
  const out = config.out ?? committed;
  // The committed model is what `serve` forecasts with and what the docs' figures describe.
  if (config.out === undefined && !config.force && existsSync(committed)) {
    throw new ConfigError([{ option: '--out', problem: `is needed not to overwrite the committed model in models/${config.forecaster}: pass --out DIR for a new folder, or --force to replace it` }]);
  }
  if (config.forecaster === 'in-game') {
    process.stdout.write(await trainInGameCommand({ dataDirs: dirs, until: config.until, out }));
    return;
  }
  // Also drawn (every 10 s) when stderr is not a terminal, so CI logs show a long run progressing.
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'train [{bar}] {percentage}% | {stage} | {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    bar.start(1, 0, { stage: 'loading' });
    const { games, sha256 } = loadDataDirs(dirs);
    const possessions = await loadPossessions(dirs, seasonsOf(games).filter((s) => config.until === undefined || s <= config.until));
    const artifacts = await trainHalftime(games, {
      tf: await tensorflow(),
      ...(config.until === undefined ? {} : { until: config.until }),
      dataFile: { file: DATASET_FILE, sha256 },
      possessions,
      onProgress: (p) => {
        bar.setTotal(p.total);
        bar.update(p.step, { stage: p.stage });
      },
    });
    bar.stop();
    writeModel(out, artifacts);
    const m = artifacts.metadata;
    const weights = Object.entries(artifacts.ensemble.weights).map(([n, w]) => `${n} ${w.toFixed(2)}`).join(', ');
    process.stdout.write(
      `${m.model_version}: trained on ${m.seasons.train[0]}..${m.seasons.train.at(-1)}, tuned and calibrated on ${m.seasons.tune}, in ${m.training_seconds} s (LSTM on ${m.lstm.backend}, best epoch ${m.lstm.best_epoch})\n` +
        `ensemble weights: ${weights}; possession at 18:00 worth ${(artifacts.ensemble.possession_weight ?? 0).toFixed(2)} points; validation MAE ${artifacts.ensemble.validation_mae.toFixed(3)}\nwritten to ${out}\n`,
    );
  } finally {
    bar.stop();
  }
}

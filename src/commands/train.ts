import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { path, season } from '../config/fields.ts';
import { ConfigError, parseConfig } from '../config/parse.ts';
import { resolveDataDirs } from '../data/location.ts';
import { DATA_DIRS_HELP, dataDirs, DEFAULT_MODEL_DIR } from '../model/config.ts';
import { loadDataDirs } from '../model/data-folders.ts';
import { DATASET_FILE } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';
import { writeModel } from '../model/model-files.ts';
import { trainHalftime } from '../model/training.ts';
import { action, EXIT_FAILURE } from './fail.ts';
import { configOption, flagsOf } from './options.ts';

export const TrainConfig = z
  .object({
    dataDirs: dataDirs(),
    until: season().optional(),
    out: path().default(DEFAULT_MODEL_DIR),
  })
  .strict();
type TrainConfig = z.output<typeof TrainConfig>;

export function register(program: Command): void {
  program
    .command('train')
    .description('train the halftime forecaster (Dejavu, LSTM, linear, conformal ensemble) and write it to a model folder')
    .addOption(configOption(TrainConfig, 'dataDirs', DATA_DIRS_HELP, '<dir>'))
    .addOption(configOption(TrainConfig, 'until', 'last season used, e.g. 2017-18: it tunes and calibrates, the ones before it train (default: the latest)', '<season>'))
    .addOption(configOption(TrainConfig, 'out', 'model folder to write', '<dir>'))
    .action(action(program, 'train', async (opts: Record<string, unknown>) => train(parseConfig(TrainConfig, flagsOf(TrainConfig, opts))), (e) => (e instanceof ModelError ? EXIT_FAILURE : undefined)));
}

async function train(config: TrainConfig): Promise<void> {
  const dirs = resolveDataDirs(config.dataDirs);
  if (!dirs) throw new ConfigError('no dataset folder (use --data DIR or set NBA_DATA_DIR)');
  // Also drawn (every 10 s) when stderr is not a terminal, so CI logs show a long run progressing.
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'train [{bar}] {percentage}% | {stage} | {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    const { games, sha256 } = loadDataDirs(dirs);
    bar.start(1, 0, { stage: 'loading' });
    const artifacts = await trainHalftime(games, {
      ...(config.until === undefined ? {} : { until: config.until }),
      dataFile: { file: DATASET_FILE, sha256 },
      onProgress: (p) => {
        bar.setTotal(p.total);
        bar.update(p.step, { stage: p.stage });
      },
    });
    bar.stop();
    writeModel(config.out, artifacts);
    const m = artifacts.metadata;
    const weights = Object.entries(artifacts.ensemble.weights).map(([n, w]) => `${n} ${w.toFixed(2)}`).join(', ');
    process.stdout.write(
      `${m.model_version}: trained on ${m.seasons.train[0]}..${m.seasons.train.at(-1)}, tuned and calibrated on ${m.seasons.tune}, in ${m.training_seconds} s (LSTM on ${m.lstm.backend}, best epoch ${m.lstm.best_epoch})\n` +
        `ensemble weights: ${weights}; validation MAE ${artifacts.ensemble.validation_mae.toFixed(3)}\nwritten to ${config.out}\n`,
    );
  } finally {
    bar.stop();
  }
}

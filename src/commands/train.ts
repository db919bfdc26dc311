import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { PROJECT_ROOT, resolveDataDirs } from '../data/location.ts';
import { loadDataDirs } from '../model/data-folders.ts';
import { DATASET_FILE } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';
import { writeModel } from '../model/model-files.ts';
import { trainHalftime } from '../model/training.ts';
import { dataOption } from './data-option.ts';

export function register(program: Command): void {
  program
    .command('train')
    .description('train the halftime forecaster (Dejavu, LSTM, linear, conformal ensemble) and write it to a model folder')
    .addOption(dataOption())
    .option('--until <season>', 'last season used, e.g. 2017-18: it tunes and calibrates, the ones before it train (default: the latest)')
    .option('--out <dir>', 'model folder to write', path.join(PROJECT_ROOT, 'models/halftime'))
    .action(async (opts: { data?: string[]; until?: string; out: string }) => {
      const dataDirs = resolveDataDirs(opts.data);
      if (!dataDirs) program.error('train: no dataset folder (use --data DIR or set NBA_DATA_DIR)', { exitCode: 2, code: 'invalid_config' });
      if (opts.until !== undefined && !/^\d{4}-\d{2}$/.test(opts.until)) program.error(`train: --until must be a season like 2017-18, got ${opts.until}`, { exitCode: 2, code: 'invalid_config' });
      // Also drawn (every 10 s) when stderr is not a terminal, so CI logs show a long run progressing.
      const bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: 'train [{bar}] {percentage}% | {stage} | {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
        cliProgress.Presets.shades_classic,
      );
      try {
        const { games, sha256 } = loadDataDirs(dataDirs);
        bar.start(1, 0, { stage: 'loading' });
        const artifacts = await trainHalftime(games, {
          ...(opts.until === undefined ? {} : { until: opts.until }),
          dataFile: { file: DATASET_FILE, sha256 },
          onProgress: (p) => {
            bar.setTotal(p.total);
            bar.update(p.step, { stage: p.stage });
          },
        });
        bar.stop();
        writeModel(opts.out, artifacts);
        const m = artifacts.metadata;
        const weights = Object.entries(artifacts.ensemble.weights).map(([n, w]) => `${n} ${w.toFixed(2)}`).join(', ');
        process.stdout.write(
          `${m.model_version}: trained on ${m.seasons.train[0]}..${m.seasons.train.at(-1)}, tuned and calibrated on ${m.seasons.tune}, in ${m.training_seconds} s (LSTM on ${m.lstm.backend}, best epoch ${m.lstm.best_epoch})\n` +
            `ensemble weights: ${weights}; validation MAE ${artifacts.ensemble.validation_mae.toFixed(3)}\nwritten to ${opts.out}\n`,
        );
      } catch (error) {
        bar.stop();
        if (error instanceof ModelError) program.error(`train: ${error.message}`, { exitCode: 1, code: error.code });
        throw error;
      }
    });
}

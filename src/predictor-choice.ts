/**
 * Which halftime model serves forecasts: the trained ensemble when `models/halftime/` (or `--model`)
 * holds one, else, for the committed folder only, the honest baseline computed from the dataset. Both need the dataset (Dejavu's reference
 * games, the baseline's recent season).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config/parse.ts';
import { createBaselinePredictor } from './model/baseline.ts';
import { loadDataDir } from './data/dataset-files.ts';
import { BASELINE_MODEL, DEFAULT_MODEL_DIR } from './config/model.ts';
import type { Predictor } from './model/predictor.ts';
import type { Logger } from './domain/logger.ts';

export interface PredictorChoice {
  readonly dataDir: string | undefined;
  readonly modelDir: string;
  readonly coverage: number;
}

export async function choosePredictor(choice: PredictorChoice, logger: Logger): Promise<Predictor> {
  if (!choice.dataDir) {
    throw new ConfigError('forecasts need the NBA dataset (minute_diffs.csv): pass --data DIR or set NBA_DATA_DIR');
  }
  const trained = choice.modelDir !== BASELINE_MODEL && existsSync(path.join(choice.modelDir, 'metadata.json'));
  // The baseline stands in only for the committed model, or when asked for: a folder named must be there.
  if (!trained && choice.modelDir !== BASELINE_MODEL && path.resolve(choice.modelDir) !== DEFAULT_MODEL_DIR) {
    throw new ConfigError([{ option: '--model', problem: `${choice.modelDir} holds no trained model (no metadata.json): pass a folder written by courtside train, or --model ${BASELINE_MODEL}` }]);
  }
  if (trained) {
    const { loadHalftimeModel } = await import('./data/models.ts');
    const model = await loadHalftimeModel({
      modelDir: choice.modelDir,
      dataDir: choice.dataDir,
      coverage: choice.coverage,
      warn: (message) => logger.warn({ modelDir: choice.modelDir }, message),
    });
    logger.info({ modelVersion: model.modelVersion, modelDir: choice.modelDir }, 'halftime model loaded');
    return model;
  }
  const baseline = createBaselinePredictor(loadDataDir(choice.dataDir), { coverage: choice.coverage });
  if (choice.modelDir === BASELINE_MODEL) logger.info({ modelVersion: baseline.modelVersion }, 'serving the baseline, as asked');
  else logger.warn({ modelVersion: baseline.modelVersion, modelDir: choice.modelDir }, 'no trained model found; serving the baseline');
  return baseline;
}

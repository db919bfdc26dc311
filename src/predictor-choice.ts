/**
 * Which halftime model serves forecasts: the trained ensemble when `models/halftime/` holds one,
 * else the honest baseline computed from the dataset. Both need the dataset (Dejavu's reference
 * games, the baseline's recent season).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config/parse.ts';
import { createBaselinePredictor } from './model/baseline.ts';
import { loadDataDir } from './model/dataset.ts';
import type { Predictor } from './model/predictor.ts';
import type { Logger } from './service/ports.ts';

export interface PredictorChoice {
  readonly dataDir: string | undefined;
  readonly modelDir: string;
  readonly coverage: number;
}

export async function choosePredictor(choice: PredictorChoice, logger: Logger): Promise<Predictor> {
  if (!choice.dataDir) {
    throw new ConfigError('forecasts need the NBA dataset (minute_diffs.csv): pass --data DIR or set NBA_DATA_DIR');
  }
  if (existsSync(path.join(choice.modelDir, 'metadata.json'))) {
    const { loadHalftimeModel } = await import('./model/index.ts');
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
  logger.warn({ modelVersion: baseline.modelVersion, modelDir: choice.modelDir }, 'no trained model found; serving the baseline');
  return baseline;
}

/** What a user sets of the forecaster being served. */
import nodePath from 'node:path';
import { z } from 'zod';
import { number, path } from './fields.ts';
import { PROJECT_ROOT } from '../data/location.ts';

export const DEFAULT_MODEL_DIR = nodePath.join(PROJECT_ROOT, 'models/halftime');
/** `--model baseline`: serve the baseline forecaster on purpose, whatever `models/halftime` holds. */
export const BASELINE_MODEL = 'baseline';

/** Nominal coverage of a forecast interval, strictly between `min` and 1. */
export const coverage = (min = 0) => number([(n) => n > min && n < 1, `in (${min}, 1)`]);

export const DATA_DIRS_HELP = 'an NBA dataset folder; repeat to merge several, e.g. --data ../shared/nba --data data/nba (default: $NBA_DATA_DIR, else ../shared/nba beside the checkout)';

/** Dataset folders read as one (`--data A --data B`); default `$NBA_DATA_DIR`, else `../shared/nba` (`resolveDataDirs`). */
export const dataDirs = () => z.array(path()).optional().meta({ flag: '--data' });

export const ModelConfig = z.object({
  modelDir: path().default(DEFAULT_MODEL_DIR).meta({ flag: '--model' }),
  /** The whole-game model (`forecast_update`); default `models/in-game`, and off with a warning when that is missing. */
  inGameModelDir: path().optional().meta({ flag: '--in-game-model' }),
  coverage: coverage(0.5).default(0.95),
});

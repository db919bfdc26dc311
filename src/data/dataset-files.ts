/** Reading the dataset's files (`minute_diffs.csv`); parsing and validating them is the model's. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { DATASET_FILE, parseGames } from '../model/dataset.ts';
import { ModelError } from '../model/errors.ts';

/** Reads and validates one `minute_diffs.csv`-shaped file. */
export function loadGames(file: string): HistoricalGame[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw unreadableDataset(file, cause);
  }
  return parseGames(text, file);
}

/** The dataset of a data folder (`DIR/minute_diffs.csv`). */
export function loadDataDir(dataDir: string): HistoricalGame[] {
  return loadGames(path.join(dataDir, DATASET_FILE));
}

/** The dataset of a data folder with the sha256 of its file, which a trained model records. */
export function loadDataDirWithHash(dataDir: string): { games: HistoricalGame[]; file: string; sha256: string } {
  const file = path.join(dataDir, DATASET_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw unreadableDataset(file, cause);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The service reads the same file for each of its models at start-up: parsed once (a second each).
  if (lastParsed?.file !== file || lastParsed.sha256 !== sha256) lastParsed = { file, sha256, games: parseGames(bytes.toString('utf8'), file) };
  return { games: [...lastParsed.games], file, sha256 };
}

/** The latest dataset parsed, by content. */
let lastParsed: { readonly file: string; readonly sha256: string; readonly games: readonly HistoricalGame[] } | undefined;

/** A dataset file that is not there is a folder to point elsewhere; one that will not read, a file to fix. */
function unreadableDataset(file: string, cause: unknown): ModelError {
  const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
  const problem = missing ? `no dataset at ${file}: point --data (or NBA_DATA_DIR) at a folder holding ${path.basename(file)}, e.g. ../shared/nba` : `cannot read dataset ${file}: ${(cause as Error).message}`;
  return new ModelError('dataset_file', problem, { cause });
}

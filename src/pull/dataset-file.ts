/**
 * The folder's `minute_diffs.csv` after a pull: the season's rows are the ones the pull built, every
 * other season's rows are kept as they were, ordered by season then game id like the dataset's own
 * file. Written whole or not at all; an existing file that does not parse is never overwritten.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { formatGames } from '../model/dataset-format.ts';
import { DATASET_FILE } from '../model/dataset.ts';
import { loadGames } from '../data/dataset-files.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { ModelError } from '../model/errors.ts';
import { PullError } from './errors.ts';

export async function writeSeasonRows(dataDir: string, season: string, rows: readonly HistoricalGame[]): Promise<string> {
  const file = path.join(dataDir, DATASET_FILE);
  let others: HistoricalGame[] = [];
  if (existsSync(file)) {
    try {
      others = loadGames(file).filter((g) => g.season !== season);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      throw new PullError('pull_file', `${error.message}; not overwriting it (fix or move it, then pull again: the pulled games stay in ${dataDir})`, { cause: error });
    }
  }
  const games = [...others, ...rows].sort((a, b) => a.season.localeCompare(b.season) || a.gameId.localeCompare(b.gameId));
  await writeFileAtomic(file, formatGames(games));
  return file;
}

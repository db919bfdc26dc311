/**
 * Several data folders read as one dataset (`--data ../shared/nba --data data/nba`): their
 * `minute_diffs.csv` files merged by game id, ordered by season then game id as the dataset's own
 * file is. A game found in two folders must be the same row in both; two different rows for one
 * game is an error naming both files, never a silent choice.
 */
import { createHash } from 'node:crypto';
import { formatGame, formatGames } from '../model/dataset-format.ts';
import { loadDataDirWithHash } from './dataset-files.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { ModelError } from '../model/errors.ts';

export interface LoadedDataset {
  readonly games: HistoricalGame[];
  /** The file read, or the files joined with ` + `. */
  readonly file: string;
  /** Of the one file as it is; of the merged dataset (as `minute_diffs.csv` text) for several. */
  readonly sha256: string;
}

export function loadDataDirs(dirs: readonly string[]): LoadedDataset {
  if (dirs.length === 0) throw new ModelError('invalid_option', 'no data folder given');
  const loaded = dirs.map(loadDataDirWithHash);
  if (loaded.length === 1) return loaded[0] as LoadedDataset;
  const byId = new Map<string, { game: HistoricalGame; file: string }>();
  for (const { games, file } of loaded) {
    for (const game of games) {
      const known = byId.get(game.gameId);
      if (!known) byId.set(game.gameId, { game, file });
      else if (formatGame(known.game) !== formatGame(game)) {
        throw new ModelError('dataset_conflict', `game ${game.gameId} differs between ${known.file} and ${file}`);
      }
    }
  }
  const games = [...byId.values()].map((x) => x.game).sort((a, b) => a.season.localeCompare(b.season) || a.gameId.localeCompare(b.gameId));
  return { games, file: loaded.map((l) => l.file).join(' + '), sha256: createHash('sha256').update(formatGames(games)).digest('hex') };
}

/**
 * The replay's view of a data folder: every `pbp_<season>.csv` in it, joined with
 * `minute_diffs.csv` for each game's teams, season and date. Another season is one more file.
 * Games of a play-by-play file that `minute_diffs.csv` does not list (the dataset dropped them as
 * invalid) have no teams or date, so they cannot be put on a night: they are reported, not guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATASET_FILE } from '../model/dataset.ts';
import { loadGames } from '../data/dataset-files.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { ReplayError } from './errors.ts';
import { parsePlayByPlay, type PbpRow } from './pbp-csv.ts';

const PBP_FILE = /^pbp_(\d{4}-\d{2})\.csv$/;

export interface SeasonFile {
  /** `2017-18` */
  readonly season: string;
  readonly file: string;
}

export interface LoadedGame {
  readonly info: HistoricalGame;
  /** The game's rows in file order. */
  readonly rows: readonly PbpRow[];
}

export interface LoadedGames {
  readonly games: LoadedGame[];
  /** Game ids of the play-by-play read that `minute_diffs.csv` does not list. */
  readonly unplaced: string[];
  /** Game ids that `minute_diffs.csv` lists in the scope asked for but that have no play-by-play rows. */
  readonly absent: string[];
}

/** The `pbp_<season>.csv` files of a folder, oldest season first. */
export function seasonFiles(dataDir: string): SeasonFile[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch (cause) {
    throw new ReplayError('replay_file', `cannot read data folder ${dataDir}: ${(cause as Error).message}`, { cause });
  }
  return names
    .map((name) => ({ name, m: PBP_FILE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ season: m[1] as string, file: path.join(dataDir, name) }))
    .sort((a, b) => a.season.localeCompare(b.season));
}

/** Every game of `minute_diffs.csv`, validated (a bad row throws naming file, line and column). */
export function loadSchedule(dataDir: string): HistoricalGame[] {
  return loadGames(path.join(dataDir, DATASET_FILE));
}

/** The games of one night (`YYYY-MM-DD`, US Eastern), reading only their rows. */
export function loadNightGames(dataDir: string, date: string, schedule: readonly HistoricalGame[] = loadSchedule(dataDir)): LoadedGames {
  const tonight = schedule.filter((g) => g.gameDate === date);
  if (tonight.length === 0) throw new ReplayError('replay_no_games', `no games on ${date} in ${DATASET_FILE}: courtside replay --list shows the nights there are`);
  const joined = loadScheduledGames(dataDir, tonight, date);
  if (joined.games.length === 0) {
    throw new ReplayError('replay_no_data', `no play-by-play rows for any of the ${tonight.length} games of ${date} (${joined.absent.join(', ')})`);
  }
  return joined;
}

/** The games listed (`what` names them in errors), reading each season file once and only their rows. */
export function loadScheduledGames(dataDir: string, scheduled: readonly HistoricalGame[], what: string): LoadedGames {
  const files = new Map(seasonFiles(dataDir).map((s) => [s.season, s.file]));
  const ids = new Set(scheduled.map((g) => g.gameId));
  const rows: PbpRow[] = [];
  for (const season of new Set(scheduled.map((g) => g.season))) {
    const file = files.get(season);
    if (!file) throw new ReplayError('replay_no_data', `no play-by-play for ${what}: ${dataDir} has no pbp_${season}.csv`);
    rows.push(...parsePlayByPlay(readText(file), file, ids));
  }
  return join(rows, scheduled);
}

/** Every game of one season file, for whole-season checks. */
export function loadSeasonGames(dataDir: string, season: string, schedule: readonly HistoricalGame[] = loadSchedule(dataDir)): LoadedGames {
  const file = seasonFiles(dataDir).find((s) => s.season === season)?.file;
  if (!file) throw new ReplayError('replay_no_data', `${dataDir} has no pbp_${season}.csv`);
  return join(parsePlayByPlay(readText(file), file), schedule.filter((g) => g.season === season));
}

function join(rows: readonly PbpRow[], scheduled: readonly HistoricalGame[]): LoadedGames {
  const byGame = new Map<string, PbpRow[]>();
  for (const row of rows) {
    const list = byGame.get(row.gameId);
    if (list) list.push(row);
    else byGame.set(row.gameId, [row]);
  }
  const known = new Set(scheduled.map((g) => g.gameId));
  const games: LoadedGame[] = [];
  const absent: string[] = [];
  for (const info of scheduled) {
    const gameRows = byGame.get(info.gameId);
    if (gameRows) games.push({ info, rows: gameRows });
    else absent.push(info.gameId);
  }
  const unplaced = [...byGame.keys()].filter((id) => !known.has(id));
  return { games, unplaced, absent };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ReplayError('replay_file', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}

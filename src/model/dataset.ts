import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatasetRowError, ModelError } from './errors.ts';

/** One regular-season game of `minute_diffs.csv`. */
export interface GameRecord {
  readonly gameId: string;
  /** `2017-18` */
  readonly season: string;
  /** `YYYY-MM-DD`, US Eastern. */
  readonly gameDate: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** `d[k - 1]` is dk, home minus away at k:00 of game time, k = 1..48. */
  readonly d: readonly number[];
  readonly finalHome: number;
  readonly finalAway: number;
  readonly otPeriods: number;
}

export const MINUTE_COLUMNS = Array.from({ length: 48 }, (_, i) => `d${i + 1}`);
export const COLUMNS = [
  'game_id', 'season', 'game_date', 'home_team', 'away_team',
  ...MINUTE_COLUMNS,
  'final_home', 'final_away', 'ot_periods',
] as const;

export const DATASET_FILE = 'minute_diffs.csv';

/** No NBA margin has come near this; anything beyond it is a corrupt value, not a blowout. */
const MAX_MARGIN = 100;
const COUNT = /^\d{1,4}$/;

/**
 * Parses a `minute_diffs.csv`-shaped text. Every row is validated; the first bad one throws a
 * `DatasetRowError` naming file, line and column.
 *
 * Hand-parsed rather than through csv-parse: the format is plain numeric fields with no quoting,
 * and csv-parse takes ~0.8 s on the 26k rows, which alone would break the 1 s model-load budget.
 * A quote anywhere is rejected, so nothing a real CSV parser would read differently gets through.
 */
export function parseGames(text: string, file: string): GameRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '');
  if (header !== COLUMNS.join(',')) {
    throw new ModelError('ERR_DATASET_HEADER', `${file}:1: header must be exactly ${COLUMNS.join(',')}`);
  }
  const games: GameRecord[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (raw === '' && i === lines.length - 1) break;
    const game = parseRow(raw, file, i + 1);
    if (seen.has(game.gameId)) throw new DatasetRowError(file, i + 1, 'game_id', `duplicate game ${game.gameId}`);
    seen.add(game.gameId);
    games.push(game);
  }
  return games;
}

function parseRow(raw: string, file: string, line: number): GameRecord {
  const bad = (column: string, problem: string): DatasetRowError => new DatasetRowError(file, line, column, problem);
  if (raw.includes('"')) throw bad(COLUMNS[0], 'quoted fields are not supported');
  const f = raw.split(',');
  if (f.length !== COLUMNS.length) {
    throw bad(COLUMNS[Math.min(f.length, COLUMNS.length - 1)] as string, `expected ${COLUMNS.length} fields, found ${f.length}`);
  }
  const at = (i: number): string => f[i] as string;
  const [gameId, season, gameDate, homeTeam, awayTeam] = [at(0), at(1), at(2), at(3), at(4)];
  if (!/^\d{10}$/.test(gameId)) throw bad('game_id', `expected 10 digits, got ${JSON.stringify(gameId)}`);
  const s = /^(\d{4})-(\d{2})$/.exec(season);
  if (!s || (Number(s[1]) + 1) % 100 !== Number(s[2])) throw bad('season', `expected YYYY-YY, got ${JSON.stringify(season)}`);
  if (!isCalendarDate(gameDate)) throw bad('game_date', `expected a YYYY-MM-DD date, got ${JSON.stringify(gameDate)}`);
  if (!/^[A-Z]{3}$/.test(homeTeam)) throw bad('home_team', `expected a tricode, got ${JSON.stringify(homeTeam)}`);
  if (!/^[A-Z]{3}$/.test(awayTeam)) throw bad('away_team', `expected a tricode, got ${JSON.stringify(awayTeam)}`);
  if (homeTeam === awayTeam) throw bad('away_team', `same team as home_team (${homeTeam})`);
  const d = new Array<number>(48);
  for (let k = 0; k < 48; k++) {
    const v = at(5 + k);
    const n = smallInteger(v);
    if (Number.isNaN(n) || Math.abs(n) > MAX_MARGIN) throw bad(`d${k + 1}`, `expected an integer margin, got ${JSON.stringify(v)}`);
    d[k] = n;
  }
  const count = (i: number, max: number): number => {
    const v = at(i);
    if (!COUNT.test(v) || Number(v) > max) throw bad(COLUMNS[i] as string, `expected a count up to ${max}, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  const finalHome = count(53, 300);
  const finalAway = count(54, 300);
  const otPeriods = count(55, 10);
  // Regulation decides the game unless it went to overtime, which needs a tie at 48:00.
  const d48 = d[47] as number;
  if (otPeriods === 0 && d48 !== finalHome - finalAway) throw bad('d48', `${d48} disagrees with the final score ${finalHome}-${finalAway}`);
  if (otPeriods > 0 && d48 !== 0) throw bad('d48', `${d48} but the game went to overtime, so it must be 0`);
  return { gameId, season, gameDate, homeTeam, awayTeam, d, finalHome, finalAway, otPeriods };
}

/** `-?[0-9]{1,4}` as a number, else NaN; by hand because it runs 1.2 million times per load. */
function smallInteger(v: string): number {
  const negative = v.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const length = v.length - start;
  if (length < 1 || length > 4) return Number.NaN;
  let n = 0;
  for (let i = start; i < v.length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return negative ? -n : n;
}

function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === v;
}

/** Reads and validates one `minute_diffs.csv`-shaped file. */
export function loadGames(file: string): GameRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ModelError('ERR_DATASET_FILE', `cannot read dataset ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseGames(text, file);
}

/** The dataset of a data folder (`DIR/minute_diffs.csv`). */
export function loadDataDir(dataDir: string): GameRecord[] {
  return loadGames(path.join(dataDir, DATASET_FILE));
}

/** The dataset of a data folder with the sha256 of its file, which a trained model records. */
export function loadDataDirWithHash(dataDir: string): { games: GameRecord[]; file: string; sha256: string } {
  const file = path.join(dataDir, DATASET_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new ModelError('ERR_DATASET_FILE', `cannot read dataset ${file}: ${(cause as Error).message}`, { cause });
  }
  return { games: parseGames(bytes.toString('utf8'), file), file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Seasons present, oldest first (`YYYY-YY` sorts chronologically as text). */
export function seasonsOf(games: readonly GameRecord[]): string[] {
  return [...new Set(games.map((g) => g.season))].sort();
}

/** The season before `season`, e.g. `2016-17` → `2015-16`. */
export function previousSeason(season: string, back = 1): string {
  const start = Number(season.slice(0, 4)) - back;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

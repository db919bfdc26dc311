import { minuteDiff, REGULATION_MINUTES } from '../domain/minutes.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { DatasetRowError, ModelError } from './errors.ts';

export const MINUTE_COLUMNS = Array.from({ length: REGULATION_MINUTES }, (_, i) => `d${i + 1}`);
export const COLUMNS = [
  'game_id', 'season', 'game_date', 'home_team', 'away_team',
  ...MINUTE_COLUMNS,
  'final_home', 'final_away', 'ot_periods',
] as const;

export const DATASET_FILE = 'minute_diffs.csv';

/** No NBA margin has come near this; anything beyond it is a corrupt value, not a blowout. */
const MAX_MARGIN = 100;

/**
 * Parses a `minute_diffs.csv`-shaped text. Every row is validated; the first bad one throws a
 * `DatasetRowError` naming file, line and column.
 *
 * Scanned by hand rather than through csv-parse: the format is plain fields with no quoting, and
 * csv-parse (or even split(',')) takes several hundred ms on the 26k rows, which would eat the 1 s
 * model-load budget. Margins are read straight from the text without making a string per field.
 * A quote anywhere fails its column's validation, so nothing a CSV parser would read differently
 * gets through.
 */
export function parseGames(text: string, file: string): HistoricalGame[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const header = lineAt(body, 0);
  if (body.slice(0, header.end) !== COLUMNS.join(',')) {
    throw new ModelError('dataset_header', `${file}:1: header must be exactly ${COLUMNS.join(',')}`);
  }
  const games: HistoricalGame[] = [];
  const seen = new Set<string>();
  for (let start = header.next, line = 2; start < body.length; line++) {
    const { end, next } = lineAt(body, start);
    const game = parseRow(body, start, end, file, line);
    if (seen.has(game.gameId)) throw new DatasetRowError(file, line, 'game_id', `duplicate game ${game.gameId}`);
    seen.add(game.gameId);
    games.push(game);
    start = next;
  }
  return games;
}

/** Where the line starting at `start` ends (before any \r) and where the next one starts. */
function lineAt(text: string, start: number): { end: number; next: number } {
  let newline = text.indexOf('\n', start);
  if (newline < 0) newline = text.length;
  const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  return { end, next: newline + 1 };
}

// No closures in here: tsx (esbuild keepNames) wraps every function it creates with a naming
// helper, which per row costs more than the parsing.
function parseRow(text: string, start: number, end: number, file: string, line: number): HistoricalGame {
  // bounds[i] is where field i starts; bounds[i + 1] - 1 where it ends.
  const bounds = new Int32Array(COLUMNS.length + 1);
  let pos = start;
  for (let i = 0; i < COLUMNS.length - 1; i++) {
    bounds[i] = pos;
    const comma = text.indexOf(',', pos);
    if (comma < 0 || comma >= end) throw wrongFieldCount(text, start, end, file, line);
    pos = comma + 1;
  }
  bounds[COLUMNS.length - 1] = pos;
  bounds[COLUMNS.length] = end + 1;
  const extra = text.indexOf(',', pos);
  if (extra >= 0 && extra < end) throw wrongFieldCount(text, start, end, file, line);

  const gameId = fieldText(text, bounds, 0);
  const season = fieldText(text, bounds, 1);
  const gameDate = fieldText(text, bounds, 2);
  const homeTeam = fieldText(text, bounds, 3);
  const awayTeam = fieldText(text, bounds, 4);
  if (!/^\d{10}$/.test(gameId)) throw new DatasetRowError(file, line, 'game_id', `expected 10 digits, got ${JSON.stringify(gameId)}`);
  const s = /^(\d{4})-(\d{2})$/.exec(season);
  if (!s || (Number(s[1]) + 1) % 100 !== Number(s[2])) throw new DatasetRowError(file, line, 'season', `expected YYYY-YY, got ${JSON.stringify(season)}`);
  if (!isCalendarDate(gameDate)) throw new DatasetRowError(file, line, 'game_date', `expected a YYYY-MM-DD date, got ${JSON.stringify(gameDate)}`);
  if (!TRICODE.test(homeTeam)) throw new DatasetRowError(file, line, 'home_team', `expected a tricode, got ${JSON.stringify(homeTeam)}`);
  if (!TRICODE.test(awayTeam)) throw new DatasetRowError(file, line, 'away_team', `expected a tricode, got ${JSON.stringify(awayTeam)}`);
  if (homeTeam === awayTeam) throw new DatasetRowError(file, line, 'away_team', `same team as home_team (${homeTeam})`);
  const d = new Array<number>(REGULATION_MINUTES);
  for (let k = 0; k < REGULATION_MINUTES; k++) {
    const n = smallInteger(text, bounds[5 + k] as number, (bounds[6 + k] as number) - 1);
    if (Number.isNaN(n) || Math.abs(n) > MAX_MARGIN) {
      throw new DatasetRowError(file, line, `d${k + 1}`, `expected an integer margin, got ${JSON.stringify(fieldText(text, bounds, 5 + k))}`);
    }
    d[k] = n;
  }
  const finalHome = countField(text, bounds, 53, 300, file, line);
  const finalAway = countField(text, bounds, 54, 300, file, line);
  const otPeriods = countField(text, bounds, 55, 10, file, line);
  // Regulation decides the game unless it went to overtime, which needs a tie at 48:00.
  const d48 = minuteDiff(d, REGULATION_MINUTES);
  if (otPeriods === 0 && d48 !== finalHome - finalAway) throw new DatasetRowError(file, line, 'd48', `${d48} disagrees with the final score ${finalHome}-${finalAway}`);
  if (otPeriods > 0 && d48 !== 0) throw new DatasetRowError(file, line, 'd48', `${d48} but the game went to overtime, so it must be 0`);
  return { gameId, season, gameDate, homeTeam, awayTeam, d, finalHome, finalAway, otPeriods };
}

const TRICODE = /^[A-Z]{3}$/;

function fieldText(text: string, bounds: Int32Array, i: number): string {
  return text.slice(bounds[i] as number, (bounds[i + 1] as number) - 1);
}

function countField(text: string, bounds: Int32Array, i: number, max: number, file: string, line: number): number {
  const n = smallInteger(text, bounds[i] as number, (bounds[i + 1] as number) - 1);
  if (Number.isNaN(n) || n < 0 || n > max) {
    throw new DatasetRowError(file, line, COLUMNS[i] as string, `expected a count up to ${max}, got ${JSON.stringify(fieldText(text, bounds, i))}`);
  }
  return n;
}

function wrongFieldCount(text: string, start: number, end: number, file: string, line: number): DatasetRowError {
  const found = text.slice(start, end).split(',').length;
  return new DatasetRowError(file, line, COLUMNS[Math.min(found, COLUMNS.length - 1)] as string, `expected ${COLUMNS.length} fields, found ${found}`);
}

/** `-?[0-9]{1,4}` between two offsets of the text, as a number; NaN for anything else. */
function smallInteger(text: string, from: number, to: number): number {
  const negative = text.charCodeAt(from) === 45;
  const first = negative ? from + 1 : from;
  if (to - first < 1 || to - first > 4) return Number.NaN;
  let n = 0;
  for (let i = first; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return negative ? -n : n;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : (MONTH_DAYS[month - 1] as number));
}

/** Seasons present, oldest first (`YYYY-YY` sorts chronologically as text). */
export function seasonsOf(games: readonly HistoricalGame[]): string[] {
  return [...new Set(games.map((g) => g.season))].sort();
}

/** The season before `season`, e.g. `2016-17` → `2015-16`. */
export function previousSeason(season: string, back = 1): string {
  const start = Number(season.slice(0, 4)) - back;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

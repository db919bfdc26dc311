/**
 * Reads a season of stats.nba.com `playbyplayv2` rows (`pbp_<season>.csv`). Descriptions are quoted
 * and contain commas, so fields go through csv-parse; every row is validated and the first bad one
 * throws a `ReplayRowError` naming file, line and column. When only some games are wanted (one
 * night), records are picked by their game id before parsing, which keeps a night load well under
 * a second on a 42 MB season. Records without any quote are split on commas directly, which is
 * exactly what a CSV parser does with them, and is what keeps a whole-season load near a second
 * (csv-parse alone takes ~3 s on 562k rows).
 */
import { parse } from 'csv-parse/sync';
import { firstField, recordSpans, type RecordSpan } from './csv-records.ts';
import { ReplayError, ReplayRowError } from './errors.ts';

export const PBP_COLUMNS = [
  'GAME_ID', 'EVENTNUM', 'EVENTMSGTYPE', 'EVENTMSGACTIONTYPE', 'PERIOD', 'WCTIMESTRING',
  'PCTIMESTRING', 'HOMEDESCRIPTION', 'NEUTRALDESCRIPTION', 'VISITORDESCRIPTION', 'SCORE', 'SCOREMARGIN',
] as const;

export interface PbpScore {
  readonly home: number;
  readonly away: number;
}

export interface PbpRow {
  readonly gameId: string;
  readonly eventNum: number;
  readonly msgType: number;
  readonly msgActionType: number;
  readonly period: number;
  /** WCTIMESTRING as minutes after midnight (`8:03 PM` → 1203); undefined when blank. */
  readonly wallClock: number | undefined;
  /** PCTIMESTRING: seconds left in the period. */
  readonly secondsLeft: number;
  readonly homeDescription: string;
  readonly neutralDescription: string;
  readonly visitorDescription: string;
  /** SCORE (`"AWAY - HOME"` in the file); undefined when blank. */
  readonly score: PbpScore | undefined;
  /** 1-based line of the row in its file, for messages. */
  readonly line: number;
}

/** Rows of `text` (all of them, or only those of `games`), in file order. */
export function parsePlayByPlay(text: string, file: string, games?: ReadonlySet<string>): PbpRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const spans = recordSpans(body);
  const header = spans.next();
  if (header.done || body.slice(header.value.start, header.value.end) !== PBP_COLUMNS.join(',')) {
    throw new ReplayError('ERR_REPLAY_HEADER', `${file}:1: header must be exactly ${PBP_COLUMNS.join(',')}`);
  }
  const kept: RecordSpan[] = [];
  for (const span of spans) {
    if (!games || games.has(firstField(body, span))) kept.push(span);
  }
  if (kept.length === 0) return [];
  const records = parseKept(body, kept, file);
  const rows = new Array<PbpRow>(records.length);
  for (let i = 0; i < records.length; i++) rows[i] = toRow(records[i] as string[], file, (kept[i] as RecordSpan).line);
  return rows;
}

function parseKept(body: string, kept: readonly RecordSpan[], file: string): string[][] {
  const records = new Array<string[]>(kept.length);
  const quoted: RecordSpan[] = [];
  for (let i = 0; i < kept.length; i++) {
    const span = kept[i] as RecordSpan;
    if (span.quoted) quoted.push(span);
    else records[i] = body.slice(span.start, span.end).split(',');
  }
  if (quoted.length > 0) {
    const parsed = parseQuoted(body, quoted, file);
    for (let i = 0, q = 0; i < kept.length; i++) if ((kept[i] as RecordSpan).quoted) records[i] = parsed[q++] as string[];
  }
  return records;
}

function parseQuoted(body: string, spans: readonly RecordSpan[], file: string): string[][] {
  const chunk = spans.map((s) => body.slice(s.start, s.end)).join('\n');
  let parsed: string[][];
  try {
    parsed = parse(chunk, { relax_column_count: true }) as string[][];
  } catch (cause) {
    // csv-parse counts the records it finished: the failing one is the next, named by where it starts.
    const err = cause as { records?: unknown; column?: unknown; message: string };
    const index = typeof err.records === 'number' ? Math.min(err.records, spans.length - 1) : 0;
    const column = typeof err.column === 'number' ? (PBP_COLUMNS[err.column] ?? String(err.column)) : String(err.column ?? '?');
    // Its own line numbers count within the records handed to it, not the file: drop them.
    const problem = err.message.replace(/ at line \d+/g, '');
    throw new ReplayRowError(file, (spans[index] as RecordSpan).line, column, problem, { cause });
  }
  // A record the scanner saw as one but csv-parse split differently (a stray quote): name it.
  if (parsed.length !== spans.length) {
    const first = spans[Math.min(parsed.length, spans.length - 1)] as RecordSpan;
    throw new ReplayRowError(file, first.line, '?', 'unbalanced quotes');
  }
  return parsed;
}

const GAME_ID = /^\d{10}$/;
const SMALL_INT = /^\d{1,5}$/;
const WALL_CLOCK = /^(\d{1,2}):(\d{2}) ([AP]M)$/;
const GAME_CLOCK = /^(\d{1,2}):(\d{2})$/;
const SCORE = /^(\d{1,3}) - (\d{1,3})$/;
const MARGIN = /^(?:TIE|-?\d{1,3})?$/;

function toRow(f: string[], file: string, line: number): PbpRow {
  const bad = (column: string, problem: string): ReplayRowError => new ReplayRowError(file, line, column, problem);
  if (f.length !== PBP_COLUMNS.length) {
    const column = PBP_COLUMNS[Math.min(f.length, PBP_COLUMNS.length - 1)] as string;
    throw bad(column, `expected ${PBP_COLUMNS.length} fields, found ${f.length}`);
  }
  const at = (i: number): string => f[i] as string;
  const int = (i: number, max: number, min = 0): number => {
    const v = at(i);
    if (!SMALL_INT.test(v) || Number(v) > max || Number(v) < min) {
      throw bad(PBP_COLUMNS[i] as string, `expected an integer ${min}..${max}, got ${JSON.stringify(v)}`);
    }
    return Number(v);
  };
  const gameId = at(0);
  if (!GAME_ID.test(gameId)) throw bad('GAME_ID', `expected 10 digits, got ${JSON.stringify(gameId)}`);
  const period = int(4, 14, 1);
  checkMargin(at(11), bad);
  return {
    gameId,
    eventNum: int(1, 99_999),
    msgType: int(2, 99),
    msgActionType: int(3, 999),
    period,
    wallClock: wallClock(at(5), bad),
    secondsLeft: gameClock(at(6), period, bad),
    homeDescription: at(7),
    neutralDescription: at(8),
    visitorDescription: at(9),
    score: score(at(10), bad),
    line,
  };
}

type Bad = (column: string, problem: string) => ReplayRowError;

function wallClock(v: string, bad: Bad): number | undefined {
  if (v === '') return undefined;
  const m = WALL_CLOCK.exec(v);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour < 1 || hour > 12 || minute > 59) throw bad('WCTIMESTRING', `expected a time like "8:03 PM", got ${JSON.stringify(v)}`);
  return ((hour % 12) + (m[3] === 'PM' ? 12 : 0)) * 60 + minute;
}

function gameClock(v: string, period: number, bad: Bad): number {
  const m = GAME_CLOCK.exec(v);
  const seconds = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  const length = period <= 4 ? 720 : 300;
  if (!m || Number(m[2]) > 59 || seconds > length) {
    throw bad('PCTIMESTRING', `expected m:ss within a ${length / 60}-minute period, got ${JSON.stringify(v)}`);
  }
  return seconds;
}

function score(v: string, bad: Bad): PbpScore | undefined {
  if (v === '') return undefined;
  const m = SCORE.exec(v);
  if (!m) throw bad('SCORE', `expected "AWAY - HOME", got ${JSON.stringify(v)}`);
  return { away: Number(m[1]), home: Number(m[2]) };
}

/** SCOREMARGIN is redundant with SCORE and never used, but a garbled one means a garbled row. */
function checkMargin(v: string, bad: Bad): void {
  if (!MARGIN.test(v)) throw bad('SCOREMARGIN', `expected TIE or a signed integer, got ${JSON.stringify(v)}`);
}

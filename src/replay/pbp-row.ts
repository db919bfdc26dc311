/**
 * One `playbyplayv2` record, validated field by field: the first bad field throws a
 * `ReplayRowError` naming file, line and column, so a damaged season never replays silently wrong.
 */
import { CourtsideError } from '../errors.ts';
import { ClockError, periodLength, readClock } from '../game/clock.ts';
import { ReplayRowError } from './errors.ts';

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

const GAME_ID = /^\d{10}$/;
const SMALL_INT = /^\d{1,5}$/;
const WALL_CLOCK = /^(\d{1,2}):(\d{2}) ([AP]M)$/;
const SCORE = /^(\d{1,3}) - (\d{1,3})$/;
const MARGIN = /^(?:TIE|-?\d{1,3})?$/;

export function toRow(f: readonly string[], file: string, line: number): PbpRow {
  try {
    return fields(f, line);
  } catch (error) {
    if (error instanceof FieldProblem) throw new ReplayRowError(file, line, error.column, error.message);
    throw error;
  }
}

/** A bad field, before it is known which file and line it came from. */
class FieldProblem extends CourtsideError<'replay_row'> {
  constructor(readonly column: string, problem: string) {
    super('replay_row', problem);
  }
}

function fields(f: readonly string[], line: number): PbpRow {
  if (f.length !== PBP_COLUMNS.length) {
    const column = PBP_COLUMNS[Math.min(f.length, PBP_COLUMNS.length - 1)] as string;
    throw new FieldProblem(column, `expected ${PBP_COLUMNS.length} fields, found ${f.length}`);
  }
  const gameId = f[0] as string;
  if (!GAME_ID.test(gameId)) throw new FieldProblem('GAME_ID', `expected 10 digits, got ${JSON.stringify(gameId)}`);
  const period = int(f, 4, 14, 1);
  checkMargin(f[11] as string);
  return {
    gameId,
    eventNum: int(f, 1, 99_999),
    msgType: int(f, 2, 99),
    msgActionType: int(f, 3, 999),
    period,
    wallClock: wallClock(f[5] as string),
    secondsLeft: gameClock(f[6] as string, period),
    homeDescription: f[7] as string,
    neutralDescription: f[8] as string,
    visitorDescription: f[9] as string,
    score: score(f[10] as string),
    line,
  };
}

function int(f: readonly string[], i: number, max: number, min = 0): number {
  const v = f[i] as string;
  if (!SMALL_INT.test(v) || Number(v) > max || Number(v) < min) {
    throw new FieldProblem(PBP_COLUMNS[i] as string, `expected an integer ${min}..${max}, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

function wallClock(v: string): number | undefined {
  if (v === '') return undefined;
  const m = WALL_CLOCK.exec(v);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour < 1 || hour > 12 || minute > 59) throw new FieldProblem('WCTIMESTRING', `expected a time like "8:03 PM", got ${JSON.stringify(v)}`);
  return ((hour % 12) + (m[3] === 'PM' ? 12 : 0)) * 60 + minute;
}

function gameClock(v: string, period: number): number {
  const length = periodLength(period);
  const seconds = readableClock(v);
  if (seconds === undefined || seconds > length) {
    throw new FieldProblem('PCTIMESTRING', `expected m:ss within a ${length / 60}-minute period, got ${JSON.stringify(v)}`);
  }
  return seconds;
}

function readableClock(v: string): number | undefined {
  try {
    return readClock(v);
  } catch (error) {
    if (error instanceof ClockError) return undefined;
    throw error;
  }
}

function score(v: string): PbpScore | undefined {
  if (v === '') return undefined;
  const m = SCORE.exec(v);
  if (!m) throw new FieldProblem('SCORE', `expected "AWAY - HOME", got ${JSON.stringify(v)}`);
  return { away: Number(m[1]), home: Number(m[2]) };
}

/** SCOREMARGIN is redundant with SCORE and never used, but a garbled one means a garbled row. */
function checkMargin(v: string): void {
  if (!MARGIN.test(v)) throw new FieldProblem('SCOREMARGIN', `expected TIE or a signed integer, got ${JSON.stringify(v)}`);
}

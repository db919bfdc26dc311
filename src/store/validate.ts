/**
 * Checks what the pipeline asks to store. A bad record is refused with the game and field named,
 * before it can poison a restart: restored state is trusted, so it has to be right going in.
 */
import { GAME_STATUSES } from '../domain/game-status.ts';
import { StoreError } from '../service/store-port.ts';
import type { ForecastInput, HalftimeInput, StoredGame } from '../service/store-port.ts';

const GAME_ID = /^\d{10}$/;
const TRICODE = /^[A-Z]{2,4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^(\d{2,3}:\d{2})?$/;

export class RecordCheck {
  readonly #file: string;
  readonly #what: string;
  constructor(file: string, what: string) {
    this.#file = file;
    this.#what = what;
  }

  need(ok: boolean, field: string, rule: string, got: unknown): void {
    if (ok) return;
    const shown = typeof got === 'number' ? String(got) : JSON.stringify(got) ?? String(got);
    throw new StoreError('invalid_record', this.#file, `invalid ${this.#what}: ${field} must be ${rule}, got ${shown}`);
  }

  int(value: unknown, field: string, min = Number.MIN_SAFE_INTEGER): void {
    this.need(Number.isSafeInteger(value) && (value as number) >= min, field, min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : 'an integer', value);
  }

  finite(value: unknown, field: string): void {
    this.need(typeof value === 'number' && Number.isFinite(value), field, 'a finite number', value);
  }

  timestamp(value: unknown, field: string): void {
    this.need(typeof value === 'string' && !Number.isNaN(Date.parse(value)), field, 'an ISO 8601 timestamp', value);
  }
}

export function checkGameId(file: string, gameId: unknown, what: string): void {
  new RecordCheck(file, what).need(typeof gameId === 'string' && GAME_ID.test(gameId), 'gameId', '10 digits', gameId);
}

export function checkGame(file: string, g: StoredGame): void {
  checkGameId(file, g.gameId, 'game');
  const c = new RecordCheck(file, `game ${g.gameId}`);
  checkDate(file, g.gameDate, `game ${g.gameId}`, 'gameDate');
  c.timestamp(g.startTime, 'startTime');
  c.timestamp(g.updatedAt, 'updatedAt');
  c.need(typeof g.homeTeam === 'string' && TRICODE.test(g.homeTeam), 'homeTeam', 'a team tricode', g.homeTeam);
  c.need(typeof g.awayTeam === 'string' && TRICODE.test(g.awayTeam), 'awayTeam', 'a team tricode', g.awayTeam);
  c.need((GAME_STATUSES as readonly unknown[]).includes(g.status), 'status', `one of ${GAME_STATUSES.join(', ')}`, g.status);
  c.int(g.homeScore, 'homeScore', 0);
  c.int(g.awayScore, 'awayScore', 0);
  c.int(g.period, 'period', 0);
  c.need(typeof g.clock === 'string' && CLOCK.test(g.clock), 'clock', 'mm:ss or empty', g.clock);
}

export function checkMinute(file: string, gameId: string, minute: number, differential: number, exact: boolean): void {
  checkGameId(file, gameId, 'minute');
  const c = new RecordCheck(file, `minute of game ${gameId}`);
  c.int(minute, 'minute', 1);
  c.int(differential, `d${minute}`);
  c.need(typeof exact === 'boolean', 'exact', 'a boolean', exact);
}

export function checkForecast(file: string, f: ForecastInput): void {
  checkGameId(file, f.gameId, 'forecast');
  const c = new RecordCheck(file, `forecast for game ${f.gameId}`);
  c.need(typeof f.modelVersion === 'string' && f.modelVersion.length > 0, 'modelVersion', 'a non-empty string', f.modelVersion);
  c.need(Array.isArray(f.pattern) && f.pattern.every((d) => Number.isSafeInteger(d)), 'pattern', 'an array of integers', f.pattern);
  c.need(typeof f.context === 'object' && f.context !== null && f.context.gameId === f.gameId, 'context.gameId', `the forecast's game ${f.gameId}`, f.context?.gameId);
  for (const field of ['point', 'lower', 'upper'] as const) c.finite(f[field], field);
  c.need(f.lower <= f.upper, 'lower', `at most upper (${f.upper})`, f.lower);
  c.need(typeof f.coverage === 'number' && f.coverage > 0 && f.coverage < 1, 'coverage', 'in (0, 1)', f.coverage);
  c.need(typeof f.components === 'object' && f.components !== null, 'components', 'an object', f.components);
  for (const [name, value] of Object.entries(f.components)) c.finite(value, `components.${name}`);
  c.need(typeof f.approximate === 'boolean', 'approximate', 'a boolean', f.approximate);
  c.need(typeof f.late === 'boolean', 'late', 'a boolean', f.late);
  c.int(f.period, 'period', 1);
  c.need(typeof f.clock === 'string', 'clock', 'a string', f.clock);
  c.timestamp(f.createdAt, 'createdAt');
}

export function checkHalftime(file: string, r: HalftimeInput): void {
  checkGameId(file, r.gameId, 'halftime result');
  const c = new RecordCheck(file, `halftime result for game ${r.gameId}`);
  c.int(r.actual, 'actual');
  c.need(r.modelVersion === null || (typeof r.modelVersion === 'string' && r.modelVersion.length > 0), 'modelVersion', 'a non-empty string or null', r.modelVersion);
  c.need(r.error === null || (typeof r.error === 'number' && Number.isFinite(r.error)), 'error', 'a finite number or null', r.error);
  c.need(r.covered === null || typeof r.covered === 'boolean', 'covered', 'a boolean or null', r.covered);
  c.need(typeof r.approximate === 'boolean', 'approximate', 'a boolean', r.approximate);
  const graded = r.modelVersion !== null;
  c.need(
    graded ? r.error !== null && r.covered !== null : r.error === null && r.covered === null,
    'error and covered',
    graded ? 'set when modelVersion is' : 'null when modelVersion is',
    { error: r.error, covered: r.covered },
  );
  c.timestamp(r.recordedAt, 'recordedAt');
}

export function checkDate(file: string, value: unknown, what: string, field: string): void {
  new RecordCheck(file, what).need(typeof value === 'string' && DATE.test(value), field, 'YYYY-MM-DD', value);
}

export function checkSeq(file: string, seq: number, what: string): void {
  new RecordCheck(file, what).int(seq, 'seq', 0);
}

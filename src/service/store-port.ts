/**
 * What the live pipeline needs from persistence, and nothing about how it is done: the pipeline
 * depends on these interfaces only, so a restart can restore state without the core knowing SQL.
 *
 * Ordering contract the pipeline relies on: a forecast is recorded BEFORE it is broadcast (so a
 * crash between the two re-sends it instead of forecasting again); the message log stores the
 * wire `seq` it went out with when it logs the message (`DurableKey`).
 */
import type { GameStatus } from '../domain/game-status.ts';
import type { MessageLog } from '../domain/message-log.ts';
import type { GameContext } from '../model/predictor.ts';
import { CourtsideError } from '../errors.ts';

/** The latest known state of one game, as the scoreboard last showed it. */
export interface StoredGame {
  readonly gameId: string;
  /** The game's own date, `YYYY-MM-DD` (US Eastern). */
  readonly gameDate: string;
  /** Scheduled tip-off, ISO 8601. */
  readonly startTime: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  readonly status: GameStatus;
  readonly homeScore: number;
  readonly awayScore: number;
  readonly period: number;
  /** Time left in the period, `mm:ss`, or `""`. */
  readonly clock: string;
  /** When the feed last changed anything about this game, ISO 8601. */
  readonly updatedAt: string;
}

/** A forecast as the pipeline made it: the model's inputs and outputs, and where the feed was. */
export interface ForecastInput {
  readonly gameId: string;
  readonly modelVersion: string;
  /** d1..d18 as given to the model. */
  readonly pattern: readonly number[];
  readonly context: GameContext;
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
  readonly coverage: number;
  readonly components: Readonly<Record<string, number>>;
  /** True when the pattern came from scoreboard snapshots. */
  readonly approximate: boolean;
  /** Made after halftime was already known (the service was down across 18:00 to 24:00). */
  readonly late: boolean;
  readonly period: number;
  readonly clock: string;
  /** When the forecast was made (the `ml_prediction` timestamp), ISO 8601. */
  readonly createdAt: string;
}

export interface StoredForecast extends ForecastInput {
  /** `${gameId}:${modelVersion}`: at most one forecast per game and model version, ever. */
  readonly key: string;
  /** The wire `seq` it was broadcast with; null while it has not been sent. */
  readonly seq: number | null;
}

export interface HalftimeInput {
  readonly gameId: string;
  /** d24. */
  readonly actual: number;
  /** The forecast being graded; null when the game reached halftime without one. */
  readonly modelVersion: string | null;
  /** actual − point forecast. */
  readonly error: number | null;
  readonly covered: boolean | null;
  /** True when d24 came from scoreboard snapshots; an exact result may replace it (`reviseHalftime`). */
  readonly approximate: boolean;
  readonly recordedAt: string;
}

export interface StoredHalftime extends HalftimeInput {
  /** The exact result that replaced an approximate one already sent. */
  readonly revised: boolean;
  readonly seq: number | null;
}

/** Everything needed to pick a game up again after a restart. */
export interface RestoredGame {
  readonly game: StoredGame;
  /** d1..dk, contiguous from minute 1 (minutes after a gap are left for backfill). */
  readonly pattern: readonly number[];
  /** Minutes of `pattern` (1-based) that came from scoreboard snapshots, to backfill exactly. */
  readonly approximateMinutes: readonly number[];
  /** Oldest first; one per model version at most. */
  readonly forecasts: readonly StoredForecast[];
  readonly halftime: StoredHalftime | null;
}

export interface GameStore extends MessageLog {
  upsertGame(game: StoredGame): void;
  /**
   * Stores d`minute`. Exact values replace approximate ones and are replaced by later exact ones
   * (edited actions); an approximate value never replaces an exact one. Returns whether the stored
   * minute changed. The game must have been upserted first.
   */
  saveMinute(gameId: string, minute: number, differential: number, exact: boolean): boolean;
  /** Games ordered by date then id; `since` (`YYYY-MM-DD`) keeps those of that game date or later. */
  loadGames(filter?: { readonly since?: string }): RestoredGame[];
  loadGame(gameId: string): RestoredGame | undefined;
  /**
   * Idempotent by `${gameId}:${modelVersion}`: a second call returns the first forecast, `inserted:
   * false`. It is marked sent when its message is logged (`appendMessage` with its `DurableKey`).
   */
  recordForecast(forecast: ForecastInput): { inserted: boolean; forecast: StoredForecast };
  /** Idempotent by game: a second call returns the first result, `inserted: false`. Marked sent like a forecast. */
  recordHalftime(result: HalftimeInput): { inserted: boolean; halftime: StoredHalftime };
  /**
   * Replaces an approximate halftime result with `result` (exact), unsent again; `revised`: the
   * approximate one had gone out. Does nothing (`replaced: false`) when the stored result is
   * already exact, so a revision is recorded, and sent, once.
   */
  reviseHalftime(result: HalftimeInput, revised: boolean): { replaced: boolean; halftime: StoredHalftime };
  /** Runs `fn` in one transaction (e.g. one poll cycle's writes); nested calls join it. */
  transaction<T>(fn: () => T): T;
  /** Flushes (checkpoints the WAL) and closes; later calls throw `closed`. Safe to call twice. */
  close(): void;
}

export function forecastKey(gameId: string, modelVersion: string): string {
  return `${gameId}:${modelVersion}`;
}

export type StoreErrorCode =
  /** The file was written by a newer Courtside; left untouched. */
  | 'schema_too_new'
  /** Not a SQLite database, or damaged. */
  | 'corrupt'
  /** Another process holds a lock past the busy timeout. */
  | 'locked'
  /** Cannot be opened at all (a directory, permissions, no space for the file). */
  | 'unreadable'
  /** A SQLite database of some other application; left untouched. */
  | 'foreign_database'
  | 'invalid_option'
  | 'invalid_record'
  | 'unknown_game'
  /** A forecast or halftime result that was never recorded. */
  | 'unknown_record'
  | 'io_error'
  /** The disk or the database is full (SQLITE_FULL): writes fail until space is freed. */
  | 'full'
  /** The database cannot be written (SQLITE_READONLY): a read-only file, folder or file system. */
  | 'read_only'
  | 'closed';

export class StoreError extends CourtsideError<StoreErrorCode> {
  /** The database file concerned. */
  readonly file: string;
  constructor(code: StoreErrorCode, file: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.file = file;
  }
}

/** Codes that say the storage failed, not the record: the same write may succeed later. */
const STORAGE_FAILURES: ReadonlySet<StoreErrorCode> = new Set(['full', 'read_only', 'io_error', 'locked', 'unreadable', 'corrupt', 'closed']);

/** A write that failed for want of working storage (worth retrying), as opposed to a refused record. */
export function isStorageFailure(error: unknown): error is StoreError {
  return error instanceof StoreError && STORAGE_FAILURES.has(error.code);
}

/**
 * The `GameStore` on SQLite (better-sqlite3, WAL). Synchronous on purpose: a write is on disk
 * (for a process crash) when the call returns, so "recorded, then broadcast" needs no awaiting.
 */
import type Database from 'better-sqlite3';
import type { DurableKey, LoggedMessage } from '../domain/message-log.ts';
import type {
  ForecastInput,
  GameStore,
  HalftimeInput,
  RestoredGame,
  StoredForecast,
  StoredGame,
  StoredHalftime,
} from '../service/store-port.ts';
import { forecastKey, StoreError } from '../service/store-port.ts';
import type { MinuteForecastStore, StoredMinuteForecast } from '../service/minute-forecast-store.ts';
import { Checkpointer, type CheckpointStats } from './checkpointer.ts';
import { SqliteMessageLog } from './message-log.ts';
import { SqliteMinuteForecasts } from './minute-forecasts.ts';
import { describeFile, MEMORY, openConnection } from './open.ts';
import { resolveStoreOptions, type ResolvedStoreOptions, type StoreOptions } from './options.ts';
import { assembleGames } from './restore.ts';
import { forecastFromRow, forecastToRow, gameToRow, halftimeFromRow, halftimeToRow } from './rows.ts';
import { StoreStatements } from './statements.ts';
import { isSqliteError, toStoreError } from './sqlite-errors.ts';
import { checkDate, checkForecast, checkGame, checkGameId, checkHalftime, checkMinute, checkSeq } from './validate.ts';

/** Opens (creating and migrating as needed) the database at `file`, or `':memory:'` in unit tests. */
export function openStore(file: string, options?: StoreOptions): SqliteStore {
  const resolved = resolveStoreOptions(describeFile(file), options);
  return storeOn(openConnection(file, resolved), file, resolved);
}

/** The store over a connection `openConnection` opened (tests keep the connection, e.g. to make it read-only). */
export function storeOn(db: Database.Database, file: string, resolved: ResolvedStoreOptions): SqliteStore {
  const where = describeFile(file);
  let store: SqliteStore;
  try {
    store = new SqliteStore(db, where, new StoreStatements(db), new SqliteMessageLog(db, where, resolved.messageLogLimit), new SqliteMinuteForecasts(db, where));
  } catch (err) {
    db.close();
    throw toStoreError(err, where, 'preparing statements');
  }
  if (file !== MEMORY && resolved.checkpoint === 'background') {
    store.checkpointInBackground({ intervalMs: resolved.checkpointIntervalMs, busyTimeoutMs: resolved.busyTimeoutMs });
  }
  return store;
}

export class SqliteStore implements GameStore, MinuteForecastStore {
  /** Absolute path of the database (or `:memory:`). */
  readonly file: string;
  #db: Database.Database | null;
  readonly #sql: StoreStatements;
  readonly #log: SqliteMessageLog;
  readonly #minuteForecasts: SqliteMinuteForecasts;
  #checkpointer: Checkpointer | undefined;

  /** Use `openStore`. */
  constructor(db: Database.Database, file: string, statements: StoreStatements, log: SqliteMessageLog, minuteForecasts: SqliteMinuteForecasts) {
    this.#db = db;
    this.file = file;
    this.#sql = statements;
    this.#log = log;
    this.#minuteForecasts = minuteForecasts;
  }

  recordMinuteForecast(gameId: string, minute: number, json: string, madeAt: string): boolean {
    this.#live();
    return this.#minuteForecasts.recordMinuteForecast(gameId, minute, json, madeAt);
  }

  minuteForecasts(gameId: string): readonly StoredMinuteForecast[] {
    this.#live();
    return this.#minuteForecasts.minuteForecasts(gameId);
  }

  upsertGame(game: StoredGame): void {
    this.#live();
    checkGame(this.file, game);
    try {
      this.#sql.upsertGame.run(gameToRow(game));
    } catch (err) {
      throw this.#fail(err, `saving game ${game.gameId}`);
    }
  }

  saveMinute(gameId: string, minute: number, differential: number, exact: boolean): boolean {
    this.#live();
    checkMinute(this.file, gameId, minute, differential, exact);
    try {
      return this.#sql.saveMinute.run(gameId, minute, differential, exact ? 1 : 0).changes > 0;
    } catch (err) {
      throw this.#fail(err, `saving d${minute} of game ${gameId}`);
    }
  }

  loadGames(filter: { readonly since?: string } = {}): RestoredGame[] {
    this.#live();
    const since = filter.since ?? '';
    if (filter.since !== undefined) checkDate(this.file, filter.since, 'loadGames filter', 'since');
    try {
      const s = this.#sql;
      return assembleGames(s.gamesSince.all(since), s.minutesSince.all(since), s.forecastsSince.all(since), s.halftimesSince.all(since));
    } catch (err) {
      throw this.#fail(err, 'loading games');
    }
  }

  loadGame(gameId: string): RestoredGame | undefined {
    this.#live();
    checkGameId(this.file, gameId, 'game lookup');
    try {
      const s = this.#sql;
      return assembleGames(s.gameById.all(gameId), s.minutesById.all(gameId), s.forecastsById.all(gameId), s.halftimesById.all(gameId))[0];
    } catch (err) {
      throw this.#fail(err, `loading game ${gameId}`);
    }
  }

  recordForecast(forecast: ForecastInput): { inserted: boolean; forecast: StoredForecast } {
    this.#live();
    checkForecast(this.file, forecast);
    const key = forecastKey(forecast.gameId, forecast.modelVersion);
    try {
      const inserted = this.#sql.insertForecast.run(forecastToRow({ ...forecast, key })).changes > 0;
      const stored = this.#sql.forecastByKey.get(key);
      if (stored === undefined) throw new Error(`forecast ${key} missing right after it was written`);
      return { inserted, forecast: forecastFromRow(stored) };
    } catch (err) {
      throw this.#fail(err, `recording forecast ${key}`);
    }
  }

  /** Stores the seq the forecast went out with; false (and unchanged) when it already had one. */
  markForecastSent(gameId: string, modelVersion: string, seq: number): boolean {
    this.#live();
    const key = forecastKey(gameId, modelVersion);
    checkSeq(this.file, seq, `forecast ${key}`);
    try {
      if (this.#sql.markForecastSent.run(seq, key).changes > 0) return true;
      if (this.#sql.forecastByKey.get(key) !== undefined) return false;
    } catch (err) {
      throw this.#fail(err, `marking forecast ${key} sent`);
    }
    throw new StoreError('unknown_record', this.file, `no forecast ${key} has been recorded`);
  }

  recordHalftime(result: HalftimeInput): { inserted: boolean; halftime: StoredHalftime } {
    this.#live();
    checkHalftime(this.file, result);
    const { gameId, modelVersion } = result;
    try {
      if (modelVersion !== null && this.#sql.forecastByKey.get(forecastKey(gameId, modelVersion)) === undefined) {
        throw new StoreError('unknown_record', this.file, `halftime result for game ${gameId} grades forecast ${forecastKey(gameId, modelVersion)}, which has not been recorded`);
      }
      const inserted = this.#sql.insertHalftime.run(halftimeToRow(result)).changes > 0;
      const stored = this.#sql.halftimeById.get(gameId);
      if (stored === undefined) throw new Error(`halftime result of game ${gameId} missing right after it was written`);
      return { inserted, halftime: halftimeFromRow(stored) };
    } catch (err) {
      throw this.#fail(err, `recording halftime result of game ${gameId}`);
    }
  }

  reviseHalftime(result: HalftimeInput, revised: boolean): { replaced: boolean; halftime: StoredHalftime } {
    this.#live();
    checkHalftime(this.file, result);
    const { gameId } = result;
    if (result.approximate) throw new StoreError('invalid_record', this.file, `invalid revision of the halftime result of game ${gameId}: it must be exact`);
    try {
      const replaced = this.#sql.reviseHalftime.run({ ...halftimeToRow(result), revised: revised ? 1 : 0 }).changes > 0;
      const stored = this.#sql.halftimeById.get(gameId);
      if (stored === undefined) throw new StoreError('unknown_record', this.file, `no halftime result of game ${gameId} has been recorded`);
      return { replaced, halftime: halftimeFromRow(stored) };
    } catch (err) {
      throw this.#fail(err, `revising the halftime result of game ${gameId}`);
    }
  }

  /** Stores the seq the halftime result (or its exact revision) went out with; false when it already had one. */
  markHalftimeSent(gameId: string, seq: number): boolean {
    this.#live();
    checkGameId(this.file, gameId, 'halftime result');
    checkSeq(this.file, seq, `halftime result of game ${gameId}`);
    try {
      if (this.#sql.markHalftimeSent.run(seq, gameId).changes > 0) return true;
      if (this.#sql.halftimeById.get(gameId) !== undefined) return false;
    } catch (err) {
      throw this.#fail(err, `marking halftime result of game ${gameId} sent`);
    }
    throw new StoreError('unknown_record', this.file, `no halftime result of game ${gameId} has been recorded`);
  }

  /** With `key`, the message and the record it sends are written in one transaction: logged means sent. */
  appendMessage(seq: number, epoch: string, json: string, key?: DurableKey): void {
    if (key === undefined) {
      this.#append(seq, epoch, json);
      return;
    }
    this.transaction(() => {
      this.#append(seq, epoch, json);
      if (key.kind === 'forecast') this.markForecastSent(key.gameId, key.modelVersion, seq);
      else this.markHalftimeSent(key.gameId, seq);
    });
  }

  #append(seq: number, epoch: string, json: string): void {
    this.#live();
    try {
      this.#log.appendMessage(seq, epoch, json);
    } catch (err) {
      throw this.#fail(err, `logging message ${seq}`);
    }
  }

  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null {
    this.#live();
    try {
      return this.#log.messagesSince(epoch, afterSeq, limit);
    } catch (err) {
      throw this.#fail(err, `reading messages after ${afterSeq}`);
    }
  }

  messageLogHead(): { readonly epoch: string; readonly seq: number } | null {
    this.#live();
    try {
      return this.#log.messageLogHead();
    } catch (err) {
      throw this.#fail(err, 'reading the message log');
    }
  }

  transaction<T>(fn: () => T): T {
    const db = this.#live();
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      // Errors of `fn` itself are the caller's: only SQLite's own (e.g. BEGIN timing out) are ours.
      throw isSqliteError(err) ? this.#fail(err, 'running a transaction') : err;
    }
  }

  /** Hands WAL checkpoints to a worker thread (see `Checkpointer`); `openStore` calls it for files. */
  checkpointInBackground(options: { intervalMs: number; busyTimeoutMs: number }): void {
    this.#checkpointer ??= new Checkpointer(this.#live(), this.file, options);
  }

  /** Undefined without a background checkpointer. */
  checkpointStats(): CheckpointStats | undefined {
    return this.#checkpointer?.stats();
  }

  close(): void {
    const db = this.#db;
    if (db === null) return;
    this.#db = null;
    this.#checkpointer?.stop();
    let failure: unknown = null;
    try {
      // Folds the WAL back into the main file, so the database is one self-contained file at rest.
      if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      failure = err;
    }
    db.close();
    // Nothing is lost when the checkpoint fails (the WAL is replayed at the next open); still say so.
    if (failure !== null) throw this.#fail(failure, 'checkpointing at close');
  }

  #live(): Database.Database {
    if (this.#db === null) throw new StoreError('closed', this.file, `${this.file}: the store is closed`);
    return this.#db;
  }

  #fail(err: unknown, doing: string): StoreError {
    return toStoreError(err, this.file, doing);
  }
}

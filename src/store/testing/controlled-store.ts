/**
 * The real SQLite store, whose writes a test can make fail the ways storage fails:
 * `readOnly()` switches the real connection to read-only (`PRAGMA query_only`), so every write
 * gets SQLite's own SQLITE_READONLY; `full()` answers every write with SQLITE_FULL, as a full disk
 * does, for machines where a test cannot mount a small file system to fill (CI without root).
 * `heal()` ends either. Reads always work, as they do on a full disk.
 */
import Database from 'better-sqlite3';
import type { DurableKey, LoggedMessage } from '../../domain/message-log.ts';
import type { ForecastInput, GameStore, HalftimeInput, RestoredGame, StoredForecast, StoredGame, StoredHalftime } from '../../service/store-port.ts';
import type { MinuteForecastStore, StoredMinuteForecast } from '../../service/minute-forecast-store.ts';
import type { CheckpointStats } from '../checkpointer.ts';
import { describeFile, openConnection } from '../open.ts';
import { resolveStoreOptions, type StoreOptions } from '../options.ts';
import { toStoreError } from '../sqlite-errors.ts';
import { storeOn, type SqliteStore } from '../sqlite-store.ts';

export class ControlledStore implements GameStore, MinuteForecastStore {
  readonly #db: Database.Database;
  readonly #store: SqliteStore;
  #full = false;

  constructor(file: string, options?: StoreOptions) {
    const resolved = resolveStoreOptions(describeFile(file), options);
    this.#db = openConnection(file, resolved);
    this.#store = storeOn(this.#db, file, resolved);
  }

  get file(): string {
    return this.#store.file;
  }

  full(): void {
    this.#full = true;
  }

  readOnly(): void {
    this.#db.pragma('query_only = 1');
  }

  heal(): void {
    this.#full = false;
    this.#db.pragma('query_only = 0');
  }

  upsertGame(game: StoredGame): void {
    this.#write('saving game', () => this.#store.upsertGame(game));
  }
  saveMinute(gameId: string, minute: number, differential: number, exact: boolean): boolean {
    return this.#write('saving a minute', () => this.#store.saveMinute(gameId, minute, differential, exact));
  }
  recordForecast(forecast: ForecastInput): { inserted: boolean; forecast: StoredForecast } {
    return this.#write('recording a forecast', () => this.#store.recordForecast(forecast));
  }
  recordHalftime(result: HalftimeInput): { inserted: boolean; halftime: StoredHalftime } {
    return this.#write('recording a halftime result', () => this.#store.recordHalftime(result));
  }
  reviseHalftime(result: HalftimeInput, revised: boolean): { replaced: boolean; halftime: StoredHalftime } {
    return this.#write('revising a halftime result', () => this.#store.reviseHalftime(result, revised));
  }
  recordMinuteForecast(gameId: string, minute: number, json: string, madeAt: string): boolean {
    return this.#write('recording a minute forecast', () => this.#store.recordMinuteForecast(gameId, minute, json, madeAt));
  }
  minuteForecasts(gameId: string): readonly StoredMinuteForecast[] {
    return this.#store.minuteForecasts(gameId);
  }
  appendMessage(seq: number, epoch: string, json: string, key?: DurableKey): void {
    this.#write('logging a message', () => this.#store.appendMessage(seq, epoch, json, key));
  }
  transaction<T>(fn: () => T): T {
    return this.#store.transaction(fn);
  }

  loadGames(filter?: { readonly since?: string }): RestoredGame[] {
    return this.#store.loadGames(filter);
  }
  loadGame(gameId: string): RestoredGame | undefined {
    return this.#store.loadGame(gameId);
  }
  messagesSince(epoch: string, afterSeq: number, limit: number): readonly LoggedMessage[] | null {
    return this.#store.messagesSince(epoch, afterSeq, limit);
  }
  messageLogHead(): { readonly epoch: string; readonly seq: number } | null {
    return this.#store.messageLogHead();
  }
  checkpointStats(): CheckpointStats | undefined {
    return this.#store.checkpointStats();
  }
  close(): void {
    this.heal();
    this.#store.close();
  }

  #write<T>(doing: string, write: () => T): T {
    if (this.#full) throw toStoreError(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'), this.file, doing);
    return write();
  }
}

/**
 * Turns SQLite's result codes into the store's stable codes, with a message that names the file:
 * the operator reading a start-up failure needs to know which file and what to do, not SQLITE_*.
 */
import Database from 'better-sqlite3';
import { StoreError } from '../service/store-port.ts';
import type { StoreErrorCode } from '../service/store-port.ts';

const BY_PREFIX: ReadonlyArray<readonly [string, StoreErrorCode, string]> = [
  ['SQLITE_BUSY', 'locked', 'database is locked by another process; stop it or use another database file'],
  ['SQLITE_LOCKED', 'locked', 'database is locked by another connection'],
  ['SQLITE_NOTADB', 'corrupt', 'not a SQLite database (or damaged beyond its header); move it aside or use another database file'],
  ['SQLITE_CORRUPT', 'corrupt', 'database file is damaged; move it aside or restore a backup'],
  ['SQLITE_CANTOPEN', 'unreadable', 'cannot open the database file'],
  ['SQLITE_PERM', 'unreadable', 'permission denied'],
  ['SQLITE_AUTH', 'unreadable', 'permission denied'],
  ['SQLITE_READONLY', 'read_only', 'database file is read-only'],
  ['SQLITE_FULL', 'full', 'database or disk is full; free space, then writes resume'],
  ['SQLITE_CONSTRAINT_FOREIGNKEY', 'unknown_game', 'the game has not been stored'],
];

/** Errors raised by SQLite itself, as opposed to errors thrown by code running in a transaction. */
export function isSqliteError(err: unknown): boolean {
  return err instanceof Database.SqliteError;
}

/** `doing` says what was attempted, e.g. `saving minute 12 of game 0021700001`. */
export function toStoreError(err: unknown, file: string, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const detail = err instanceof Error ? err.message : String(err);
  for (const [prefix, storeCode, meaning] of BY_PREFIX) {
    if (code.startsWith(prefix)) {
      return new StoreError(storeCode, file, `${file}: ${doing}: ${meaning} (${code}: ${detail})`, { cause: err });
    }
  }
  return new StoreError('io_error', file, `${file}: ${doing}: ${detail}${code ? ` (${code})` : ''}`, { cause: err });
}

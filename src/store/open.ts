/**
 * Opening a database file so that every way it can be unusable fails here, at start-up, with the
 * file named: not later in the middle of a game night.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../service/store-port.ts';
import { migrate, SCHEMA_VERSION, schemaTooNew, schemaVersion } from './migrations.ts';
import type { ResolvedStoreOptions } from './options.ts';
import { toStoreError } from './sqlite-errors.ts';

export const MEMORY = ':memory:';

/** The name used in messages: absolute, so it is unambiguous whatever the working directory. */
export function describeFile(file: string): string {
  return file === MEMORY ? MEMORY : path.resolve(file);
}

export function openConnection(file: string, options: ResolvedStoreOptions): Database.Database {
  const where = describeFile(file);
  if (file !== MEMORY) {
    try {
      mkdirSync(path.dirname(where), { recursive: true });
    } catch (err) {
      throw new StoreError('unreadable', where, `${where}: cannot create its folder: ${(err as Error).message}`, { cause: err });
    }
  }
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs });
  } catch (err) {
    throw toStoreError(err, where, 'opening');
  }
  try {
    prepare(db, where, options);
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, where, 'opening');
  }
}

function prepare(db: Database.Database, where: string, options: ResolvedStoreOptions): void {
  // Reading the header first: a file that is not a database, or is held under an exclusive lock,
  // fails here, and a newer schema is refused before WAL mode rewrites anything in the file.
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) throw schemaTooNew(where, version, SCHEMA_VERSION);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  if (options.integrityCheck && version > 0) {
    const verdict = String(db.pragma('quick_check', { simple: true }));
    if (verdict !== 'ok') {
      const findings = verdict.split('\n').filter((line) => !line.startsWith('***'));
      const shown = findings.slice(0, 2).join('; ') + (findings.length > 2 ? `; … (${findings.length} findings)` : '');
      throw new StoreError('corrupt', where, `${where}: database file is damaged (${shown}); move it aside or restore a backup`);
    }
  }
  migrate(db, where);
}

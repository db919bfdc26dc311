/**
 * Versioned schema. `PRAGMA user_version` holds the number of migrations applied; migrations are
 * only ever appended, never edited, because databases in the field already ran the old ones.
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../service/store-port.ts';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'games, minute patterns, forecasts, halftime results',
    sql: `
      CREATE TABLE games (
        game_id TEXT PRIMARY KEY,
        game_date TEXT NOT NULL,
        start_time TEXT NOT NULL,
        home_team TEXT NOT NULL,
        away_team TEXT NOT NULL,
        status TEXT NOT NULL,
        home_score INTEGER NOT NULL,
        away_score INTEGER NOT NULL,
        period INTEGER NOT NULL,
        clock TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX games_by_date ON games (game_date);
      CREATE TABLE minutes (
        game_id TEXT NOT NULL REFERENCES games (game_id),
        minute INTEGER NOT NULL CHECK (minute >= 1),
        differential INTEGER NOT NULL,
        exact INTEGER NOT NULL CHECK (exact IN (0, 1)),
        PRIMARY KEY (game_id, minute)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE forecasts (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        game_id TEXT NOT NULL REFERENCES games (game_id),
        model_version TEXT NOT NULL,
        pattern TEXT NOT NULL,
        context TEXT NOT NULL,
        point REAL NOT NULL,
        lower REAL NOT NULL,
        upper REAL NOT NULL,
        coverage REAL NOT NULL,
        components TEXT NOT NULL,
        approximate INTEGER NOT NULL CHECK (approximate IN (0, 1)),
        period INTEGER NOT NULL,
        clock TEXT NOT NULL,
        created_at TEXT NOT NULL,
        seq INTEGER
      ) STRICT;
      CREATE INDEX forecasts_by_game ON forecasts (game_id);
      CREATE TABLE halftime_results (
        game_id TEXT PRIMARY KEY REFERENCES games (game_id),
        actual INTEGER NOT NULL,
        model_version TEXT,
        error REAL,
        covered INTEGER CHECK (covered IN (0, 1)),
        recorded_at TEXT NOT NULL,
        seq INTEGER
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'bounded message log for resume across restarts',
    sql: `
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        epoch TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE TABLE message_log_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        epoch TEXT NOT NULL,
        pruned_through INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: 'halftime results say whether d24 came from the scoreboard, and whether an exact one replaced it',
    sql: `
      ALTER TABLE halftime_results ADD COLUMN approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1));
      ALTER TABLE halftime_results ADD COLUMN revised INTEGER NOT NULL DEFAULT 0 CHECK (revised IN (0, 1));
    `,
  },
  {
    version: 4,
    description: 'every game minute\'s whole-game forecast, the game\'s forecast history',
    sql: `
      CREATE TABLE minute_forecasts (
        game_id TEXT NOT NULL REFERENCES games (game_id),
        minute INTEGER NOT NULL CHECK (minute >= 1),
        body TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (game_id, minute)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'forecasts say whether they were made late (after halftime was known), as made',
    // Rows written before it never stored `late`: they get what a restart used to infer from the clock.
    sql: `
      ALTER TABLE forecasts ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
      UPDATE forecasts SET late = 1 WHERE period > 2 OR (period = 2 AND clock = '00:00');
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last of `migrations`, all in one write transaction, so a crash
 * mid-way leaves the previous version intact. Always takes the write lock, even with nothing to
 * apply: that is how a database held by another writer is noticed at open rather than later.
 * Returns the version before migrating.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const target = migrations.length;
  return db
    .transaction(() => {
      const from = schemaVersion(db);
      if (from > target) throw schemaTooNew(file, from, target);
      if (from === 0) refuseForeign(db, file);
      for (const m of migrations.slice(from)) db.exec(m.sql);
      if (target !== from) db.pragma(`user_version = ${target}`);
      return from;
    })
    .immediate();
}

export function schemaTooNew(file: string, found: number, known: number): StoreError {
  return new StoreError('schema_too_new', file, `${file}: database schema version ${found} is newer than this Courtside supports (${known}); upgrade Courtside or use another database file`);
}

/** Version 0 with tables in it is somebody else's database: never add ours to it. */
function refuseForeign(db: Database.Database, file: string): void {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  if (tables.length === 0) return;
  throw new StoreError('foreign_database', file, `${file}: a SQLite database that is not Courtside's (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}); refusing to modify it`);
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../data/location.ts';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from './migrations.ts';
import { openStore } from './sqlite-store.ts';
import { game, tempDir } from './testing/records.ts';

const GAME = '0021700001';

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

test('a new path (folder included) and an empty file are migrated to the current schema', (t) => {
  const dir = tempDir(t);
  const fresh = path.join(dir, 'nested', 'folder', 'courtside.db');
  openStore(fresh).close();
  assert.equal(versionOf(fresh), SCHEMA_VERSION);

  const empty = path.join(dir, 'empty.db');
  writeFileSync(empty, '');
  const store = openStore(empty);
  store.upsertGame(game(GAME));
  store.close();
  assert.equal(existsSync(`${empty}-wal`), false, 'close checkpoints and removes the WAL');
  assert.equal(versionOf(empty), SCHEMA_VERSION);
});

test('a database of an older version is upgraded in place, keeping its data', (t) => {
  const file = path.join(tempDir(t), 'v1.db');
  const old = new Database(file);
  migrate(old, file, MIGRATIONS.slice(0, 1));
  old.prepare(`INSERT INTO games VALUES ('${GAME}', '2017-10-17', '2017-10-17T20:00:00-04:00', 'CLE', 'BOS', 'Halftime', 54, 50, 2, '', '2017-10-18T00:50:00Z')`).run();
  old.close();
  assert.equal(versionOf(file), 1);

  const store = openStore(file);
  assert.equal(store.loadGame(GAME)?.game.status, 'Halftime');
  assert.equal(store.messageLogHead(), null);
  store.recordHalftime({ gameId: GAME, actual: 4, modelVersion: null, error: null, covered: null, approximate: true, recordedAt: '2017-10-18T00:50:00Z' });
  assert.deepEqual([store.loadGame(GAME)?.halftime?.approximate, store.loadGame(GAME)?.halftime?.revised], [true, false]);
  store.appendMessage(1, 'e1', '{}');
  store.close();
  assert.equal(versionOf(file), SCHEMA_VERSION);
});

test('forecasts stored before `late` was a column get it from where the feed stood when they were made', (t) => {
  const file = path.join(tempDir(t), 'v3.db');
  const old = new Database(file);
  migrate(old, file, MIGRATIONS.slice(0, 3));
  old.prepare(`INSERT INTO games VALUES ('${GAME}', '2017-10-17', '2017-10-17T20:00:00-04:00', 'CLE', 'BOS', 'In Progress', 70, 60, 3, '09:00', '2017-10-18T00:50:00Z')`).run();
  const insert = old.prepare(
    `INSERT INTO forecasts (idempotency_key, game_id, model_version, pattern, context, point, lower, upper, coverage, components, approximate, period, clock, created_at)
     VALUES (?, '${GAME}', ?, '[]', '{}', 1, 0, 2, 0.95, '{}', 0, ?, ?, '2017-10-18T00:50:00Z')`,
  );
  for (const [model, period, clock] of [['on-time', 2, '05:59'], ['at-half', 2, '00:00'], ['third', 3, '09:00']] as const) insert.run(`${GAME}:${model}`, model, period, clock);
  old.close();

  const store = openStore(file);
  t.after(() => store.close());
  assert.deepEqual(store.loadGame(GAME)?.forecasts.map((f) => [f.modelVersion, f.late]), [['on-time', false], ['at-half', true], ['third', true]]);
});

test('a database from a newer Courtside is refused, naming the file and both versions, and left untouched', (t) => {
  const file = path.join(tempDir(t), 'future.db');
  const future = new Database(file);
  future.exec('CREATE TABLE games (game_id TEXT PRIMARY KEY, hologram BLOB)');
  future.pragma('user_version = 99');
  future.close();
  const before = readFileSync(file);

  assert.throws(() => openStore(file), {
    name: 'StoreError',
    code: 'schema_too_new',
    file,
    message: `${file}: database schema version 99 is newer than this Courtside supports (${SCHEMA_VERSION}); upgrade Courtside or use another database file`,
  });
  assert.deepEqual(readFileSync(file), before);
  assert.equal(existsSync(`${file}-wal`), false);
});

test('a file of random bytes is reported corrupt, naming the file', (t) => {
  const file = path.join(tempDir(t), 'random.db');
  writeFileSync(file, randomBytes(64 * 1024));
  assert.throws(() => openStore(file), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'corrupt');
    assert.ok(err.message.startsWith(`${file}: opening: not a SQLite database`), err.message);
    return true;
  });
});

test('a database damaged past its header is reported corrupt at open, not mid-game', (t) => {
  const file = path.join(tempDir(t), 'damaged.db');
  const store = openStore(file);
  store.transaction(() => {
    for (let g = 1; g <= 60; g++) {
      const id = `00217000${String(g).padStart(2, '0')}`;
      store.upsertGame(game(id));
      for (let minute = 1; minute <= 48; minute++) store.saveMinute(id, minute, (g * minute) % 21 - 10, true);
    }
  });
  store.close();
  const pageSize = 4096;
  assert.ok(statSync(file).size > 8 * pageSize, 'enough pages to damage some in the middle');
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(4 * pageSize), 0, 4 * pageSize, 2 * pageSize);
  closeSync(fd);

  assert.throws(() => openStore(file), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'corrupt');
    assert.ok(err.message.startsWith(`${file}: database file is damaged (`), err.message);
    return true;
  });
  // Without the check at open, the damage still surfaces as a clear error, not a crash.
  const unchecked = openStore(file, { integrityCheck: false });
  t.after(() => unchecked.close());
  assert.throws(() => unchecked.loadGames(), { code: 'corrupt', message: new RegExp(`^${escapeRegExp(file)}: loading games: database file is damaged`) });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Starts another process that holds a lock on `file` until it is killed. */
async function holdLock(t: TestContext, file: string, begin: 'BEGIN EXCLUSIVE' | 'BEGIN IMMEDIATE'): Promise<() => Promise<void>> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec(${JSON.stringify(begin)});
    db.exec('CREATE TABLE lock_holder (x)');
    process.stdout.write('held\\n');
    setInterval(() => {}, 60000);`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const release = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  t.after(release);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  assert.equal(chunk.toString(), 'held\n');
  return release;
}

test('a file another process holds exclusively is reported locked, naming the file; it opens once released', async (t) => {
  const file = path.join(tempDir(t), 'held.db');
  const release = await holdLock(t, file, 'BEGIN EXCLUSIVE');
  assert.throws(() => openStore(file, { busyTimeoutMs: 100 }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'locked');
    assert.ok(err.message.startsWith(`${file}: opening: database is locked by another process`), err.message);
    return true;
  });
  await release();
  openStore(file).close();
});

test('a WAL database whose write lock another process holds is reported locked at open', async (t) => {
  const file = path.join(tempDir(t), 'busy.db');
  openStore(file).close();
  const release = await holdLock(t, file, 'BEGIN IMMEDIATE');
  assert.throws(() => openStore(file, { busyTimeoutMs: 100 }), { code: 'locked', message: new RegExp(`^${escapeRegExp(file)}: opening: database is locked`) });
  await release();
  const store = openStore(file);
  store.upsertGame(game(GAME));
  store.close();
});

test('a folder in place of the file, or a file in place of its folder, is unreadable', (t) => {
  const dir = tempDir(t);
  const folder = path.join(dir, 'a-folder.db');
  mkdirSync(folder);
  assert.throws(() => openStore(folder), { code: 'unreadable', message: new RegExp(`^${escapeRegExp(folder)}: opening: cannot open the database file`) });
  const blocker = path.join(dir, 'not-a-folder');
  writeFileSync(blocker, 'x');
  assert.throws(() => openStore(path.join(blocker, 'courtside.db')), { code: 'unreadable', message: /not-a-folder\/courtside\.db: cannot create its folder/ });
});

test("another application's SQLite database is refused and left untouched", (t) => {
  const file = path.join(tempDir(t), 'other.db');
  const other = new Database(file);
  other.exec('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  other.close();
  const before = readFileSync(file);
  assert.throws(() => openStore(file), {
    code: 'foreign_database',
    message: `${file}: a SQLite database that is not Courtside's (tables: orders, users); refusing to modify it`,
  });
  assert.equal(versionOf(file), 0);
  assert.deepEqual(readFileSync(file).subarray(100), before.subarray(100), 'no page but the header was written');
});

test('options are validated with exact messages', () => {
  assert.throws(() => openStore(':memory:', { busyTimeoutMs: -1 }), { code: 'invalid_option', message: 'busyTimeoutMs must be a non-negative integer, got -1' });
  assert.throws(() => openStore(':memory:', { messageLogLimit: 0 }), { code: 'invalid_option', message: 'messageLogLimit must be a positive integer, got 0' });
  assert.throws(() => openStore(':memory:', { synchronous: 'off' as never }), { code: 'invalid_option', message: 'synchronous must be "normal" or "full", got "off"' });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from './migrations.ts';
import { openStore } from './sqlite-store.ts';
import { game, tempDir } from './testing/records.ts';

const GAME = '0021700001';
const AT = '2017-10-18T00:41:02.004Z';
const body = (minute: number, extra = ''): string => `{"minute":${minute}${extra}}`;

test('a game\'s minute forecasts are kept once per minute, read back by minute, and survive a reopen', (t) => {
  const file = path.join(tempDir(t), 'courtside.db');
  const store = openStore(file);
  store.upsertGame(game(GAME));
  assert.equal(store.recordMinuteForecast(GAME, 2, body(2), AT), true);
  assert.equal(store.recordMinuteForecast(GAME, 1, body(1), AT), true);
  assert.equal(store.recordMinuteForecast(GAME, 2, body(2, ',"again":true'), AT), false, 'the first one of a minute stays');
  store.close();
  const reopened = openStore(file);
  t.after(() => reopened.close());
  assert.deepEqual(reopened.minuteForecasts(GAME), [{ minute: 1, json: body(1) }, { minute: 2, json: body(2) }]);
  assert.deepEqual(reopened.minuteForecasts('0021700002'), []);
});

test('a minute forecast of a game never stored, or a malformed one, is refused with what and where', () => {
  const store = openStore(':memory:');
  assert.throws(() => store.recordMinuteForecast(GAME, 1, body(1), AT), { name: 'StoreError', code: 'unknown_game' });
  store.upsertGame(game(GAME));
  assert.throws(() => store.recordMinuteForecast(GAME, 0, body(0), AT), { code: 'invalid_record', message: /invalid minute forecast of game 0021700001: minute must be a positive integer, got 0/ });
  assert.throws(() => store.recordMinuteForecast(GAME, 3, 'not json', AT), { code: 'invalid_record', message: /json must be a JSON object/ });
  assert.throws(() => store.recordMinuteForecast(GAME, 3, body(3), 'yesterday'), { code: 'invalid_record', message: /madeAt must be an ISO 8601 timestamp/ });
  assert.throws(() => store.minuteForecasts('12'), { code: 'invalid_record' });
  store.close();
  assert.throws(() => store.minuteForecasts(GAME), { code: 'closed' });
});

test('a database of the previous version gains the table on open, keeping its games', (t) => {
  const file = path.join(tempDir(t), 'v3.db');
  const old = new Database(file);
  migrate(old, file, MIGRATIONS.slice(0, 3));
  old.prepare(`INSERT INTO games VALUES ('${GAME}', '2017-10-17', '2017-10-17T20:00:00-04:00', 'CLE', 'BOS', 'In Progress', 54, 50, 3, '07:00', '2017-10-18T01:20:00Z')`).run();
  old.close();
  const store = openStore(file);
  t.after(() => store.close());
  assert.equal(store.recordMinuteForecast(GAME, 30, body(30), AT), true);
  assert.equal(store.loadGame(GAME)?.game.status, 'In Progress');
});

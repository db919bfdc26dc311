import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { openConnection } from './open.ts';
import { resolveStoreOptions } from './options.ts';
import { openStore, storeOn } from './sqlite-store.ts';
import { forecast, game, halftime, tempDir } from './testing/records.ts';

const GAME = '0021700001';
const OTHER = '0021700002';

test('games, minutes, forecasts and halftime results round-trip through a file and a reopen', (t) => {
  const file = path.join(tempDir(t), 'courtside.db');
  const store = openStore(file);
  store.upsertGame(game(GAME, { status: 'Scheduled', homeScore: 0, awayScore: 0, period: 0, clock: '' }));
  store.upsertGame(game(GAME));
  store.upsertGame(game(OTHER, { gameDate: '2017-10-18', homeTeam: 'GSW', awayTeam: 'HOU' }));
  const pattern = forecast(GAME).pattern;
  store.transaction(() => pattern.forEach((d, i) => store.saveMinute(GAME, i + 1, d, true)));
  store.saveMinute(OTHER, 1, -3, false);
  const { forecast: stored } = store.recordForecast(forecast(GAME));
  assert.equal(stored.seq, null);
  assert.equal(store.markForecastSent(GAME, 'baseline-2016-17', 41), true);
  store.recordHalftime(halftime(GAME));
  assert.equal(store.markHalftimeSent(GAME, 57), true);
  store.close();

  const reopened = openStore(file);
  t.after(() => reopened.close());
  const games = reopened.loadGames();
  assert.deepEqual(
    games.map((g) => g.game.gameId),
    [GAME, OTHER],
  );
  const [first, second] = games;
  assert.deepEqual(first?.game, game(GAME));
  assert.deepEqual(first?.pattern, pattern);
  assert.deepEqual(first?.approximateMinutes, []);
  assert.deepEqual(first?.forecasts, [{ ...forecast(GAME), key: `${GAME}:baseline-2016-17`, seq: 41 }]);
  assert.deepEqual(first?.halftime, { ...halftime(GAME), revised: false, seq: 57 });
  assert.deepEqual(second?.pattern, [-3]);
  assert.deepEqual(second?.approximateMinutes, [1]);
  assert.deepEqual(second?.forecasts, []);
  assert.equal(second?.halftime, null);
  assert.deepEqual(reopened.loadGame(GAME), first);
  assert.equal(reopened.loadGame('0021700003'), undefined);
  assert.deepEqual(
    reopened.loadGames({ since: '2017-10-18' }).map((g) => g.game.gameId),
    [OTHER],
  );
  assert.throws(() => reopened.loadGames({ since: '18/10/2017' }), { code: 'invalid_record', message: 'invalid loadGames filter: since must be YYYY-MM-DD, got "18/10/2017"' });
});

test('a forecast made late is stored late, whatever the clock said', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  store.recordForecast(forecast(GAME, { late: true, period: 2, clock: '05:58' }));
  assert.deepEqual(store.loadGame(GAME)?.forecasts.map((f) => f.late), [true]);
  store.close();
});

test('an exact minute replaces an approximate one, never the reverse', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  assert.equal(store.saveMinute(GAME, 1, 2, false), true);
  assert.equal(store.saveMinute(GAME, 1, 3, false), true, 'a newer snapshot revises an approximate minute');
  assert.equal(store.saveMinute(GAME, 1, 3, false), false, 'the same value again is no change');
  assert.equal(store.saveMinute(GAME, 1, 4, true), true, 'play-by-play is back: exact wins');
  assert.equal(store.saveMinute(GAME, 1, 9, false), false, 'a snapshot never overwrites play-by-play');
  assert.equal(store.saveMinute(GAME, 1, 5, true), true, 'an edited action revises an exact minute');
  store.saveMinute(GAME, 2, 6, false);
  const restored = store.loadGame(GAME);
  assert.deepEqual(restored?.pattern, [5, 6]);
  assert.deepEqual(restored?.approximateMinutes, [2]);
  store.close();
});

test('the restored pattern stops at the first missing minute, for backfill to fill', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  for (const minute of [1, 2, 4, 5]) store.saveMinute(GAME, minute, minute, true);
  assert.deepEqual(store.loadGame(GAME)?.pattern, [1, 2]);
  store.close();
});

test('a second forecast for the same game and model version is not inserted, even after a reopen', (t) => {
  const file = path.join(tempDir(t), 'courtside.db');
  let store = openStore(file);
  store.upsertGame(game(GAME));
  const first = store.recordForecast(forecast(GAME));
  assert.equal(first.inserted, true);
  const again = store.recordForecast(forecast(GAME, { point: 9.9, createdAt: '2017-10-18T00:40:00.000Z' }));
  assert.equal(again.inserted, false);
  assert.deepEqual(again.forecast, first.forecast);
  store.close();

  store = openStore(file);
  t.after(() => store.close());
  const afterRestart = store.recordForecast(forecast(GAME, { point: -1.2 }));
  assert.equal(afterRestart.inserted, false);
  assert.equal(afterRestart.forecast.point, 4.6);
  const newModel = store.recordForecast(forecast(GAME, { modelVersion: 'ensemble-2' }));
  assert.equal(newModel.inserted, true, 'another model version is another key');
  assert.deepEqual(
    store.loadGame(GAME)?.forecasts.map((f) => f.key),
    [`${GAME}:baseline-2016-17`, `${GAME}:ensemble-2`],
  );
});

test('sent markers are set once; halftime results are idempotent by game', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  store.recordForecast(forecast(GAME));
  assert.equal(store.markForecastSent(GAME, 'baseline-2016-17', 10), true);
  assert.equal(store.markForecastSent(GAME, 'baseline-2016-17', 99), false);
  assert.equal(store.loadGame(GAME)?.forecasts[0]?.seq, 10);
  assert.throws(() => store.markForecastSent(GAME, 'other-model', 11), { code: 'unknown_record', message: `no forecast ${GAME}:other-model has been recorded` });

  assert.equal(store.recordHalftime(halftime(GAME)).inserted, true);
  const again = store.recordHalftime(halftime(GAME, { actual: -30, error: -34.6, covered: false }));
  assert.equal(again.inserted, false);
  assert.equal(again.halftime.actual, 7);
  assert.throws(() => store.markHalftimeSent(OTHER, 3), { code: 'unknown_record' });
  store.close();
});

test('a message logged with its DurableKey marks that record sent in the same transaction; a key the store lacks logs nothing', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  store.recordForecast(forecast(GAME));
  store.recordHalftime(halftime(GAME));
  store.appendMessage(1, 'e1', '{"type":"score_update"}');
  store.appendMessage(2, 'e1', '{"n":2}', { kind: 'forecast', gameId: GAME, modelVersion: 'baseline-2016-17' });
  store.appendMessage(3, 'e1', '{"n":3}', { kind: 'halftime', gameId: GAME });
  const stored = store.loadGame(GAME);
  assert.deepEqual([stored?.forecasts[0]?.seq, stored?.halftime?.seq], [2, 3], 'marked by key, whatever the JSON says');
  assert.throws(() => store.appendMessage(4, 'e1', '{"n":4}', { kind: 'forecast', gameId: GAME, modelVersion: 'other-model' }), { code: 'unknown_record' });
  assert.throws(() => store.appendMessage(4, 'e1', '{"n":4}', { kind: 'halftime', gameId: OTHER }), { code: 'unknown_record' });
  assert.deepEqual(store.messageLogHead(), { epoch: 'e1', seq: 3 }, 'the failed appends left nothing in the log');
  store.close();
});

test('an approximate halftime result is revised once, exactly, and goes out again; an exact one never', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  store.recordForecast(forecast(GAME));
  store.recordHalftime(halftime(GAME, { actual: 9, error: 4.4, approximate: true }));
  store.markHalftimeSent(GAME, 57);
  const exact = halftime(GAME, { actual: 7, error: 2.4, recordedAt: '2017-10-18T01:02:00.000Z' });
  const revised = store.reviseHalftime(exact, true);
  assert.deepEqual(revised, { replaced: true, halftime: { ...exact, revised: true, seq: null } });
  assert.equal(store.markHalftimeSent(GAME, 88), true);
  assert.deepEqual(store.reviseHalftime(halftime(GAME, { actual: 5, error: 0.4 }), true), { replaced: false, halftime: { ...exact, revised: true, seq: 88 } });
  assert.deepEqual(store.loadGame(GAME)?.halftime, { ...exact, revised: true, seq: 88 });
  assert.throws(() => store.reviseHalftime(halftime(GAME, { approximate: true }), true), { code: 'invalid_record' });
  assert.throws(() => store.reviseHalftime(halftime(OTHER), true), { code: 'unknown_record' });
  store.close();
});

test('a full or read-only database fails writes as full or read_only, naming the file; reads go on', (t) => {
  const file = path.join(tempDir(t), 'courtside.db');
  const resolved = resolveStoreOptions(file, { checkpoint: 'inline' });
  const db = openConnection(file, resolved);
  const store = storeOn(db, file, resolved);
  t.after(() => store.close());
  store.upsertGame(game(GAME));
  // SQLite's own limit on the file's pages: past it every write that needs a page is SQLITE_FULL.
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const big = JSON.stringify({ pad: 'x'.repeat(5000) });
  assert.throws(() => {
    for (let seq = 1; seq < 1000; seq++) store.appendMessage(seq, 'e', big);
  }, { code: 'full', message: new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: logging message \\d+: database or disk is full; free space, then writes resume \\(SQLITE_FULL`) });
  db.pragma('query_only = 1');
  assert.throws(() => store.upsertGame(game(GAME, { homeScore: 50 })), { code: 'read_only', message: /saving game 0021700001: database file is read-only \(SQLITE_READONLY/ });
  assert.equal(store.loadGame(GAME)?.game.homeScore, 44);
  db.pragma('query_only = 0');
});

test('a halftime result without a forecast is stored with nulls; one grading an unknown forecast is refused', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  const none = store.recordHalftime(halftime(GAME, { modelVersion: null, error: null, covered: null }));
  assert.deepEqual(none.halftime, { ...halftime(GAME, { modelVersion: null, error: null, covered: null }), revised: false, seq: null });
  store.upsertGame(game(OTHER));
  assert.throws(() => store.recordHalftime(halftime(OTHER)), {
    code: 'unknown_record',
    message: `halftime result for game ${OTHER} grades forecast ${OTHER}:baseline-2016-17, which has not been recorded`,
  });
  store.close();
});

test('bad records are refused with the game and field named, and the store keeps working', () => {
  const store = openStore(':memory:');
  assert.throws(() => store.upsertGame(game('123')), { code: 'invalid_record', message: 'invalid game: gameId must be 10 digits, got "123"' });
  assert.throws(() => store.upsertGame(game(GAME, { homeScore: -1 })), {
    code: 'invalid_record',
    message: `invalid game ${GAME}: homeScore must be a non-negative integer, got -1`,
  });
  assert.throws(() => store.upsertGame(game(GAME, { status: 'Live' as never })), { code: 'invalid_record' });
  assert.throws(() => store.saveMinute(GAME, 0, 1, true), { code: 'invalid_record', message: `invalid minute of game ${GAME}: minute must be a positive integer, got 0` });
  assert.throws(() => store.saveMinute(GAME, 3, 1.5, true), { code: 'invalid_record', message: `invalid minute of game ${GAME}: d3 must be an integer, got 1.5` });
  assert.throws(() => store.saveMinute(GAME, 1, 1, true), { code: 'unknown_game', message: /saving d1 of game 0021700001: the game has not been stored/ });
  assert.throws(() => store.recordForecast(forecast(GAME, { coverage: 1 })), {
    code: 'invalid_record',
    message: `invalid forecast for game ${GAME}: coverage must be in (0, 1), got 1`,
  });
  assert.throws(() => store.recordForecast(forecast(GAME, { lower: 20 })), { code: 'invalid_record' });
  assert.throws(() => store.recordForecast(forecast(GAME, { components: { lstm: Number.NaN } })), {
    message: `invalid forecast for game ${GAME}: components.lstm must be a finite number, got NaN`,
  });
  assert.throws(() => store.recordForecast(forecast(GAME, { context: { ...forecast(OTHER).context } })), { code: 'invalid_record' });
  assert.throws(() => store.recordForecast(forecast(GAME, { late: 'yes' as never })), {
    code: 'invalid_record',
    message: `invalid forecast for game ${GAME}: late must be a boolean, got "yes"`,
  });
  assert.throws(() => store.recordHalftime(halftime(GAME, { error: null })), {
    code: 'invalid_record',
    message: `invalid halftime result for game ${GAME}: error and covered must be set when modelVersion is, got {"error":null,"covered":true}`,
  });
  assert.throws(() => store.recordForecast(forecast(GAME)), { code: 'unknown_game' });
  store.upsertGame(game(GAME));
  assert.equal(store.saveMinute(GAME, 1, 1, true), true);
  store.close();
});

test('a transaction commits all of a poll cycle or, when it throws, none of it', () => {
  const store = openStore(':memory:');
  store.upsertGame(game(GAME));
  const boom = new Error('tracker failed mid-cycle');
  assert.throws(
    () =>
      store.transaction(() => {
        store.saveMinute(GAME, 1, 2, true);
        store.recordForecast(forecast(GAME));
        throw boom;
      }),
    (err) => err === boom,
  );
  const restored = store.loadGame(GAME);
  assert.deepEqual(restored?.pattern, []);
  assert.deepEqual(restored?.forecasts, []);
  const n = store.transaction(() => {
    for (let minute = 1; minute <= 48; minute++) store.saveMinute(GAME, minute, minute % 7, true);
    return store.transaction(() => store.recordForecast(forecast(GAME)).inserted);
  });
  assert.equal(n, true);
  assert.equal(store.loadGame(GAME)?.pattern.length, 48);
  store.close();
});

test('close is idempotent and later calls fail clearly', () => {
  const store = openStore(':memory:');
  store.close();
  store.close();
  assert.throws(() => store.loadGames(), { code: 'closed', message: ':memory:: the store is closed' });
  assert.throws(() => store.upsertGame(game(GAME)), { code: 'closed' });
});

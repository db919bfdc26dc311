import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GameBook } from './games.ts';
import { feedCondition, feedStatus, forecast, game, GAME_A, GAME_B, halftime, minuteForecast, PREDICTION, progress, score, snapshot } from './testing/messages.ts';
import type { ServerMessage } from './wire.ts';

function book(...messages: ServerMessage[]): GameBook {
  const b = new GameBook();
  for (const m of messages) b.apply(m);
  return b;
}

describe('GameBook', () => {
  test('a snapshot replaces every game, whatever the epoch, and sets the position', () => {
    const b = book(snapshot(5, [game(GAME_A), game(GAME_B)]));
    assert.deepEqual([...b.games.keys()], [GAME_A, GAME_B]);
    assert.deepEqual(b.position, { epoch: 'e1', seq: 5 });
    const games = b.games;
    assert.equal(b.apply(snapshot(2, [game(GAME_B, { pattern: [9] })], 'e2')).kind, 'snapshot');
    assert.deepEqual([...b.games.keys()], [GAME_B]);
    assert.deepEqual(b.games.get(GAME_B)?.pattern, [9]);
    assert.deepEqual(b.position, { epoch: 'e2', seq: 2 });
    assert.equal(b.games, games, 'one map for the whole life');
    // In the new epoch seq 3 is new, though the old epoch had passed it.
    assert.equal(b.apply(score(3, GAME_B, { home_score: 20 })).kind, 'game');
    assert.equal(b.games.get(GAME_B)?.data.home_score, 20);
  });

  test('score, pattern, forecast and halftime result land on their game', () => {
    const b = book(snapshot(1, []), score(2, GAME_A), score(3, GAME_A, { home_score: 15, differential: 5 }), progress(4, GAME_A, [2, 3, 5]), forecast(5, GAME_A), halftime(6, GAME_A, 5));
    const g = b.games.get(GAME_A);
    assert.ok(g);
    assert.equal(g.data.home_score, 15);
    assert.deepEqual(g.pattern, [2, 3, 5]);
    assert.equal(g.updated_at, progress(4, GAME_A, []).timestamp, 'updated by the feed, not by the model');
    assert.deepEqual(g.prediction?.prediction, PREDICTION);
    assert.equal(g.prediction?.model_version, 'baseline-2017-18');
    assert.equal('seq' in (g.prediction ?? {}), false, 'the envelope is not part of the state');
    assert.equal(g.halftime?.covered, true);
    assert.equal(g.halftime?.actual, 5);
    assert.deepEqual(b.position, { epoch: 'e1', seq: 6 });
  });

  test('a forecast_update becomes the game\'s latest minute forecast, stamped with when it was made', () => {
    const b = book(snapshot(1, [game(GAME_A)]), minuteForecast(2, GAME_A, 11, 0.55), minuteForecast(3, GAME_A, 12, 0.61));
    const latest = b.games.get(GAME_A)?.minute_forecast;
    assert.equal(latest?.minute, 12);
    assert.equal(latest?.home_win_probability, 0.61);
    assert.equal(latest?.made_at, minuteForecast(3, GAME_A, 12).timestamp);
    assert.equal('seq' in (latest ?? {}), false, 'the envelope is not part of the state');
    assert.equal(b.apply(minuteForecast(3, GAME_A, 13)).kind, 'duplicate');
    assert.equal(b.games.get(GAME_A)?.minute_forecast?.minute, 12);
    // A game introduced by a score_update starts without one.
    assert.equal(book(snapshot(1, []), score(2, GAME_B)).games.get(GAME_B)?.minute_forecast, null);
    assert.equal(book(snapshot(1, []), minuteForecast(2, GAME_B, 3)).games.get(GAME_B), undefined, 'never invents a game');
  });

  test('a message at or below the last seq is a duplicate and changes nothing', () => {
    const b = book(snapshot(10, [game(GAME_A)]), score(11, GAME_A, { home_score: 30 }));
    const before = b.games.get(GAME_A);
    assert.equal(b.apply(score(11, GAME_A, { home_score: 99 })).kind, 'duplicate');
    assert.equal(b.apply(score(9, GAME_A, { home_score: 99 })).kind, 'duplicate');
    assert.equal(b.apply(forecast(10, GAME_A)).kind, 'duplicate');
    assert.equal(b.games.get(GAME_A), before);
    assert.deepEqual(b.position, { epoch: 'e1', seq: 11 });
  });

  test('a changed game is a new object; the others stay the same objects', () => {
    const b = book(snapshot(1, [game(GAME_A), game(GAME_B)]));
    const [a, other] = [b.games.get(GAME_A), b.games.get(GAME_B)];
    const applied = b.apply(progress(2, GAME_A, [1, 2, 3]));
    assert.equal(applied.kind === 'game' && applied.game, b.games.get(GAME_A));
    assert.notEqual(b.games.get(GAME_A), a);
    assert.deepEqual(a?.pattern, [1, 2], 'the old state object was not changed in place');
    assert.equal(b.games.get(GAME_B), other);
  });

  test('only a score_update introduces a game; other news of an unknown game is not invented', () => {
    const b = book(snapshot(1, []));
    assert.deepEqual(b.apply(progress(2, GAME_A, [1])), { kind: 'game', game: undefined });
    assert.deepEqual(b.apply(forecast(3, GAME_A)), { kind: 'game', game: undefined });
    assert.equal(b.games.size, 0);
    assert.deepEqual(b.position, { epoch: 'e1', seq: 3 });
    const applied = b.apply(score(4, GAME_A));
    assert.equal(applied.kind === 'game' && applied.game?.game_id, GAME_A);
    assert.deepEqual(b.games.get(GAME_A)?.pattern, []);
  });

  test('an error reply changes no state and is never a duplicate', () => {
    const b = book(snapshot(7, [game(GAME_A)]));
    const error: ServerMessage = { type: 'error', seq: 7, timestamp: snapshot(7, []).timestamp, code: 'unknown_game', message: 'x' };
    assert.deepEqual(b.apply(error), { kind: 'other' });
    assert.deepEqual(b.position, { epoch: 'e1', seq: 7 });
  });

  test('the snapshot carries forecasts and verdicts, and no position before it', () => {
    assert.equal(new GameBook().position, undefined);
    const { type: _t, seq: _s, timestamp: _ts, game_id: _g, ...verdict } = halftime(9, GAME_A, 20);
    const b = book(snapshot(9, [game(GAME_A, { halftime: verdict })]));
    assert.deepEqual(b.games.get(GAME_A)?.halftime, verdict);
    assert.equal(b.games.get(GAME_A)?.halftime?.covered, false);
  });

  test('keeps the feed\'s condition from feed_status and snapshots, once per seq, without touching the games', () => {
    const b = book(snapshot(1, [game(GAME_A)]));
    // Read through a function: an assertion on `b.feed` would narrow it for the lines after.
    const feed = () => b.feed;
    assert.equal(feed(), null, 'unknown until the server says');
    const games = [...b.games.values()];
    assert.deepEqual(b.apply(feedStatus(2, 'failing')), { kind: 'feed' });
    assert.deepEqual(feed(), feedCondition('failing', 2));
    assert.equal('seq' in (feed() ?? {}), false, 'the envelope is not part of the state');
    assert.deepEqual([...b.games.values()], games, 'no game changed');
    assert.deepEqual(b.position, { epoch: 'e1', seq: 2 });
    assert.deepEqual(b.apply(feedStatus(2, 'ok')), { kind: 'duplicate' });
    assert.equal(feed()?.state, 'failing');

    // A snapshot replaces it too: with its own, or with none (an older server, or one that has not polled yet).
    assert.deepEqual(b.apply(snapshot(3, [game(GAME_A)], 'e1', { feed_status: feedCondition('failing', 2) })), { kind: 'snapshot', feedChanged: false });
    assert.deepEqual(b.apply(snapshot(4, [game(GAME_A)], 'e1', { feed_status: feedCondition('ok', 4) })), { kind: 'snapshot', feedChanged: true });
    assert.equal(feed()?.state, 'ok');
    assert.deepEqual(b.apply(snapshot(5, [game(GAME_A)], 'e2')), { kind: 'snapshot', feedChanged: true });
    assert.equal(feed(), null);
  });
});

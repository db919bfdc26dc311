/**
 * The pipeline over the real store whose writes fail on demand (full, read-only): it streams on,
 * says it is degraded, and every forecast and grade whose write failed goes out exactly once when
 * the store takes writes again; halftime grades from the scoreboard are revised once, exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basketEachMinute } from '../game/testing/actions.ts';
import { ControlledStore } from '../store/testing/controlled-store.ts';
import { StoreJournal } from './journal.ts';
import { Persistence } from './persistence.ts';
import { Pipeline } from './pipeline.ts';
import { silentLogger } from '../domain/logger.ts';
import { StoreHealth } from './store-health.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';

const GAME = '0021700001';

/** `logged`: the sink logs every message in the store, marking forecasts and grades sent (a healthy store only). */
function service(store: ControlledStore, logged = false) {
  const feed = new ScriptedFeed();
  const sink = new RecordingSink(logged ? new StoreJournal(store) : undefined);
  const predictor = new FixedPredictor();
  const health = new StoreHealth({ logger: silentLogger });
  const pipeline = new Pipeline({ feed, sink, predictor, logger: silentLogger, persistence: new Persistence(store, health), storeHealth: health });
  return { feed, sink, predictor, health, pipeline };
}

/** The game `minutes` into the first half: minutes 1..minutes-1 complete (all 24 at 24), home leading by k after minute k. */
async function play(s: ReturnType<typeof service>, minutes: number): Promise<void> {
  s.feed.games = [scoreboardGame({ period: minutes <= 12 ? 1 : 2, gameClock: 'PT05M00.00S', home: minutes * 3, away: minutes * 2 })];
  s.feed.failPlayByPlay.delete(GAME);
  s.feed.actions.set(GAME, basketEachMinute(minutes));
  await s.pipeline.cycle();
}

/**
 * Play-by-play lost after minute 20, the scoreboard next seen in Q3: the last score it showed
 * before halftime (63-42, at 5:00 of Q2) stands for d21..d24, so halftime is graded at 21; the
 * exact d24 is 24.
 */
async function staleHalftime(s: ReturnType<typeof service>): Promise<void> {
  for (const m of [5, 19, 21]) await play(s, m);
  s.feed.failPlayByPlay.set(GAME, new Error('403 Forbidden'));
  s.feed.games = [scoreboardGame({ period: 3, gameClock: 'PT09M30.00S', home: 80, away: 60 })];
  await s.pipeline.cycle();
}

for (const failure of ['full', 'read_only'] as const) {
  describe(`Pipeline with the store ${failure === 'full' ? 'full' : 'read-only'} across 18:00 and halftime`, () => {
    it('streams on, degraded, and sends the forecast and the grade once each when the store takes writes again', async () => {
      const store = new ControlledStore(':memory:');
      const s = service(store);
      for (const m of [5, 10]) await play(s, m);
      const before = s.sink.messages.length;

      if (failure === 'full') store.full();
      else store.readOnly();
      await play(s, 19);
      await play(s, 24);
      const during = s.sink.messages.slice(before);
      assert.ok(during.some((m) => m.type === 'pattern_progress' && m.minutes_collected === 24), 'minutes kept streaming');
      assert.ok(during.some((m) => m.type === 'score_update'), 'scores kept streaming');
      assert.deepEqual(during.filter((m) => m.type === 'ml_prediction' || m.type === 'halftime_result'), [], 'nothing once-per-game goes out before it is durable');
      assert.equal(s.pipeline.owed, 2);
      assert.equal(s.predictor.calls.length, 1, 'the trigger fired once, during the failure');
      const degraded = s.health.state();
      assert.equal(degraded.degraded, true);
      assert.equal(degraded.cause?.code, failure);
      assert.ok(degraded.since !== null && degraded.pending.events === 2 && degraded.pending.games === 1, JSON.stringify(degraded));
      assert.equal(s.pipeline.snapshot()[0]?.prediction, null, 'a snapshot never shows what was not sent');
      assert.equal(store.loadGame(GAME)?.pattern.length, 9, 'the store has only what it took before');

      await play(s, 24);
      assert.equal(s.pipeline.owed, 2, 'still owed while the store fails');
      store.heal();
      await play(s, 24);
      const predictions = s.sink.ofType('ml_prediction');
      const grades = s.sink.ofType('halftime_result');
      assert.equal(predictions.length, 1);
      assert.equal(grades.length, 1);
      assert.ok(s.sink.messages.indexOf(predictions[0]!) < s.sink.messages.indexOf(grades[0]!), 'the forecast before its grade');
      assert.deepEqual(predictions[0]!.pattern, Array.from({ length: 18 }, (_, i) => i + 1));
      assert.deepEqual([grades[0]!.actual, grades[0]!.forecast, grades[0]!.approximate, grades[0]!.revised], [24, predictions[0]!.prediction, false, false]);
      assert.equal(s.predictor.calls.length, 1, 'the forecast sent is the one made, not a new one');
      assert.equal(s.predictor.outcomes.length, 1);

      const stored = store.loadGame(GAME);
      assert.equal(stored?.pattern.length, 24, 'the minutes written during the failure are in the store');
      assert.equal(stored?.forecasts.length, 1);
      assert.equal(stored?.halftime?.actual, 24);
      assert.deepEqual(s.health.state().degraded, false);
      assert.equal(s.pipeline.snapshot()[0]?.prediction?.prediction.point_forecast, 19);
      await play(s, 24);
      assert.equal(s.sink.ofType('ml_prediction').length + s.sink.ofType('halftime_result').length, 2, 'never again');
      store.close();
    });
  });
}

describe('Pipeline grading halftime from the scoreboard', () => {
  it('sends the exact grade once, revised, when play-by-play returns; the predictor learns only from it', async () => {
    const store = new ControlledStore(':memory:');
    const s = service(store);
    await staleHalftime(s);
    const [stale] = s.sink.ofType('halftime_result');
    assert.deepEqual([stale?.actual, stale?.approximate, stale?.revised], [21, true, false]);
    assert.equal(s.predictor.outcomes.length, 0, 'an approximate d24 is not learnt');

    await play(s, 24);
    const grades = s.sink.ofType('halftime_result');
    assert.equal(grades.length, 2);
    const exact = grades[1]!;
    assert.deepEqual([exact.actual, exact.approximate, exact.revised, exact.error, exact.covered], [24, false, true, 5, true]);
    assert.deepEqual(s.predictor.outcomes.map((o) => o.actual), [24]);
    assert.deepEqual(s.pipeline.snapshot()[0]?.halftime, { actual: 24, forecast: exact.forecast, model_version: 'fixed-test', error: 5, covered: true, approximate: false, revised: true });
    assert.deepEqual(store.loadGame(GAME)?.halftime && { ...store.loadGame(GAME)!.halftime, recordedAt: '' }, {
      gameId: GAME, actual: 24, modelVersion: 'fixed-test', error: 5, covered: true, approximate: false, revised: true, recordedAt: '', seq: null,
    });
    await play(s, 24);
    assert.equal(s.sink.ofType('halftime_result').length, 2, 'revised once');
    store.close();
  });

  it('owes the revision across a restart, and sends it once', async () => {
    const store = new ControlledStore(':memory:');
    const first = service(store, true);
    await staleHalftime(first);
    assert.equal(first.sink.ofType('halftime_result')[0]?.approximate, true);

    const second = service(store, true);
    assert.equal(second.pipeline.snapshot()[0]?.halftime?.approximate, true, 'the approximate grade is restored as such');
    await play(second, 24);
    const grades = second.sink.ofType('halftime_result');
    assert.deepEqual(grades.map((g) => [g.actual, g.approximate, g.revised]), [[24, false, true]]);
    assert.deepEqual(second.predictor.outcomes.map((o) => o.actual), [24]);
    await play(second, 24);
    const third = service(store, true);
    await play(third, 24);
    assert.deepEqual(third.sink.ofType('halftime_result'), [], 'a revision recorded is never revised again');
    store.close();
  });
});

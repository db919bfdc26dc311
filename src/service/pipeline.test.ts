import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basketEachMinute } from '../game/testing/actions.ts';
import { Pipeline } from './pipeline.ts';
import { silentLogger } from './ports.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';


function setup() {
  const feed = new ScriptedFeed();
  const sink = new RecordingSink();
  const predictor = new FixedPredictor();
  const pipeline = new Pipeline({ feed, sink, predictor, logger: silentLogger });
  return { feed, sink, predictor, pipeline };
}

describe('Pipeline', () => {
  it('streams scores, minutes, one forecast after 18:00 and a graded halftime', async () => {
    const { feed, sink, predictor, pipeline } = setup();
    feed.games = [scoreboardGame({ gameStatus: 1, period: 0, gameClock: '', gameStatusText: '8:00 pm ET' })];
    await pipeline.cycle();
    assert.deepEqual(sink.messages.map((m) => m.type), []);

    for (const minutes of [5, 17, 18, 19, 20, 24]) {
      feed.games = [scoreboardGame({ period: minutes <= 12 ? 1 : 2, gameClock: 'PT05M00.00S', home: minutes * 3, away: minutes * 2 })];
      feed.actions.set('0021700001', basketEachMinute(minutes));
      await pipeline.cycle();
    }
    const predictions = sink.ofType('ml_prediction');
    assert.equal(predictions.length, 1);
    const p = predictions[0]!;
    assert.deepEqual(p.pattern, Array.from({ length: 18 }, (_, i) => i + 1));
    assert.equal(p.prediction.point_forecast, 19);
    assert.equal(p.prediction.components.ensemble_forecast, 19);
    assert.equal(p.model_version, 'fixed-test');
    assert.equal(predictor.calls.length, 1);
    assert.deepEqual(predictor.calls[0]!.context, { gameId: '0021700001', homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-10-17' });
    // Minute 18 ends the cycle where minute 19 is first seen, never before.
    const progress = sink.ofType('pattern_progress');
    const at18 = progress.findIndex((m) => m.minutes_collected >= 18);
    assert.ok(sink.messages.indexOf(p) > sink.messages.indexOf(progress[at18]!));
    assert.equal(progress.at(-1)!.progress_percent, 100);

    const [half] = sink.ofType('halftime_result');
    assert.ok(half);
    assert.equal(half.actual, 24);
    assert.equal(half.error, 5);
    assert.equal(half.covered, true);
    assert.equal(predictor.outcomes.length, 1);
  });

  it('keeps running through feed errors and marks the pattern approximate until play-by-play returns', async () => {
    const { feed, sink, pipeline } = setup();
    feed.games = [scoreboardGame({ period: 1, gameClock: 'PT09M30.00S', home: 9, away: 6 })];
    feed.actions.set('0021700001', basketEachMinute(3));
    await pipeline.cycle();
    feed.failScoreboard = new Error('503 from scoreboard');
    await pipeline.cycle();
    feed.failScoreboard = undefined;
    feed.failPlayByPlay.set('0021700001', new Error('403 Forbidden'));
    feed.games = [scoreboardGame({ period: 1, gameClock: 'PT06M30.00S', home: 20, away: 10 })];
    await pipeline.cycle();
    const last = sink.ofType('pattern_progress').at(-1)!;
    assert.equal(last.approximate, true);
    assert.deepEqual(last.pattern, [1, 2, 3, 3, 3]); // the 9:30 snapshot (9-6) is the last seen by minutes 3..5
    feed.failPlayByPlay.clear();
    feed.actions.set('0021700001', basketEachMinute(6));
    await pipeline.cycle();
    const healed = sink.ofType('pattern_progress').at(-1)!;
    assert.equal(healed.approximate, false);
    assert.deepEqual(healed.pattern, [1, 2, 3, 4, 5]);
  });

  it('follows a game that fell off the scoreboard until its play-by-play shows it over', async () => {
    const { feed, pipeline } = setup();
    feed.games = [scoreboardGame({ period: 1, gameClock: 'PT08M30.00S' })];
    feed.actions.set('0021700001', basketEachMinute(3));
    await pipeline.cycle();
    feed.games = []; // today's scoreboard no longer lists it, but it is not final
    feed.actions.set('0021700001', basketEachMinute(6));
    await pipeline.cycle();
    assert.equal(pipeline.games.get('0021700001')!.tracker.pattern.length, 5);
  });

  it('snapshots every tracked game in the protocol shape', async () => {
    const { feed, pipeline } = setup();
    feed.games = [scoreboardGame({ home: 2, away: 0 }), scoreboardGame({ gameId: '0021700002', gameCode: '20171017/HOUGSW', gameStatus: 1, period: 0, gameClock: '' })];
    await pipeline.cycle();
    const snap = pipeline.snapshot();
    assert.equal(snap.length, 2);
    assert.equal(snap[0]!.data.differential, 2);
    assert.equal(snap[1]!.data.status, 'Scheduled');
    assert.equal(snap[1]!.data.game_date, '2017-10-17');
  });
});

describe('Pipeline across days', () => {
  it('forgets a game once it is settled and off the scoreboard', async () => {
    const { feed, pipeline } = setup();
    feed.games = [scoreboardGame({ gameStatus: 3, period: 4, gameClock: '', gameStatusText: 'Final', home: 100, away: 90 })];
    const actions = basketEachMinute(24);
    const { action } = await import('../game/testing/actions.ts');
    feed.actions.set('0021700001', [...actions, action(4, '0:00', 'gameEnd', [100, 90])]);
    await pipeline.cycle();
    assert.equal(pipeline.games.get('0021700001')?.tracker.settled, true);
    feed.games = [scoreboardGame({ gameId: '0021700002', gameCode: '20171018/HOUGSW', gameStatus: 1, period: 0, gameClock: '' })];
    await pipeline.cycle();
    assert.deepEqual([...pipeline.games.keys()], ['0021700002']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CapturingLogger } from '../../test/support/capturing-logger.ts';
import type { ClockError } from '../game/clock.ts';
import { action, basketEachMinute } from '../game/testing/actions.ts';
import { Pipeline, type PipelineHooks } from './pipeline.ts';
import { silentLogger } from './ports.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';

function setup(options: { concurrency?: number; sink?: RecordingSink; logger?: CapturingLogger; hooks?: PipelineHooks } = {}) {
  const feed = new ScriptedFeed();
  const sink = options.sink ?? new RecordingSink();
  const predictor = new FixedPredictor();
  const pipeline = new Pipeline({ feed, sink, predictor, logger: options.logger ?? silentLogger, concurrency: options.concurrency, hooks: options.hooks });
  return { feed, sink, predictor, pipeline };
}

/** Five live games, 0021700001..5, each with three minutes of play-by-play. */
function fiveLiveGames(feed: ScriptedFeed): string[] {
  const ids = [1, 2, 3, 4, 5].map((n) => `002170000${n}`);
  feed.games = ids.map((gameId, i) => scoreboardGame({ gameId, gameCode: `20171017/G${i}HOM`, period: 1, gameClock: 'PT08M00.00S' }));
  for (const id of ids) feed.actions.set(id, basketEachMinute(3));
  return ids;
}

/** Lets pending I/O callbacks and promise chains run until `done()` holds (or gives up). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Pipeline', () => {
  it('streams scores, minutes, one forecast after 18:00 and a graded halftime', async () => {
    const { feed, sink, predictor, pipeline } = setup();
    feed.games = [scoreboardGame({ gameStatus: 1, period: 0, gameClock: '', gameStatusText: '8:00 pm ET' })];
    await pipeline.cycle();
    assert.deepEqual(sink.messages.map((m) => m.type), ['score_update'], 'a game appearing on the board is announced before tip-off');
    await pipeline.cycle();
    assert.deepEqual(sink.messages.map((m) => m.type), ['score_update'], 'and only once');
    sink.messages.length = 0;

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

describe('Pipeline play-by-play requests', () => {
  it('lets a hanging game hold one request slot while the games behind it go on', async () => {
    const { feed, pipeline } = setup({ concurrency: 2 });
    const ids = fiveLiveGames(feed);
    const first = ids[0]!;
    const hang = deferred();
    feed.holdPlayByPlay.set(first, hang.promise);
    let finished = false;
    const cycle = pipeline.cycle().then(() => (finished = true));
    await settle(() => feed.playByPlayRequests.length === ids.length);

    assert.deepEqual(feed.playByPlayRequests, ids, 'every game asked for while the first still hangs');
    for (const id of ids.slice(1)) assert.equal(pipeline.games.get(id)!.tracker.pattern.length, 2, `${id} tracked`);
    assert.equal(pipeline.games.get(first)!.tracker.pattern.length, 0);
    assert.equal(finished, false, 'the cycle waits for the hanging request');
    assert.equal(feed.maxInFlight, 2);

    hang.resolve();
    await cycle;
    assert.equal(pipeline.games.get(first)!.tracker.pattern.length, 2);
    assert.equal(feed.inFlight, 0);
  });

  it('never has more requests in flight than its concurrency', async () => {
    for (const concurrency of [1, 3, 8]) {
      const { feed, pipeline } = setup({ concurrency });
      const ids = fiveLiveGames(feed);
      await pipeline.cycle();
      assert.deepEqual(feed.playByPlayRequests, ids);
      assert.equal(feed.maxInFlight, Math.min(concurrency, ids.length), `concurrency ${concurrency}`);
    }
  });

  it('starts no new request after a failure and rejects only once the requests in flight are done', async () => {
    const failing = '0021700002';
    class FailingSink extends RecordingSink {
      override publish(message: Parameters<RecordingSink['publish']>[0]): number {
        if (message.type === 'pattern_progress' && message.game_id === failing) throw new Error('sink refused');
        return super.publish(message);
      }
    }
    const { feed, sink, pipeline } = setup({ concurrency: 2, sink: new FailingSink() });
    const ids = fiveLiveGames(feed);
    const hang = deferred();
    feed.holdPlayByPlay.set(ids[0]!, hang.promise);
    const settled: { outcome?: unknown } = {};
    const cycle = pipeline.cycle().then(() => (settled.outcome = 'resolved'), (error: unknown) => (settled.outcome = error));
    await settle(() => feed.playByPlayRequests.length >= 2 && feed.inFlight === 1);
    await settle(() => 'outcome' in settled);

    assert.ok(!('outcome' in settled), 'still waiting for the first game');
    assert.deepEqual(feed.playByPlayRequests, ids.slice(0, 2));
    hang.resolve();
    await cycle;
    const { outcome } = settled;
    assert.ok(outcome instanceof Error && outcome.message === 'sink refused', `rejected with the failure, got ${String(outcome)}`);
    assert.deepEqual(feed.playByPlayRequests, ids.slice(0, 2), 'no game asked for after the failure');
    assert.ok(sink.ofType('pattern_progress').some((m) => m.game_id === ids[0]), 'the game in flight was still handled');
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

describe('Pipeline on clocks it cannot read', () => {
  it('keeps the game: its score, its play-by-play; logs each distinct clock once, with the game, and counts every one', async () => {
    const log = new CapturingLogger();
    const counted: Array<[string, string]> = [];
    const { feed, sink, pipeline } = setup({ logger: log, hooks: { onUnreadableClock: (gameId: string, e: ClockError) => counted.push([gameId, e.text]) } });
    const other = scoreboardGame({ gameId: '0021700002', gameCode: '20171017/HOUGSW', gameClock: '5:04 ', home: 2, away: 5 });
    feed.actions.set('0021700001', basketEachMinute(3));
    for (const [clock, home] of [['8 min 30', 4], ['8 min 30', 6], ['7 min 10', 8]] as const) {
      feed.games = [scoreboardGame({ gameClock: clock, home, away: 2 }), other];
      await pipeline.cycle();
    }
    const scores = sink.ofType('score_update').filter((m) => m.game_id === '0021700001');
    assert.deepEqual(scores.map((m) => [m.data.status, m.data.home_score, m.data.clock]), [['In Progress', 4, ''], ['In Progress', 6, ''], ['In Progress', 8, '']]);
    assert.equal(feed.playByPlayRequests.filter((id) => id === '0021700001').length, 3, 'its play-by-play asked for on every poll');
    assert.deepEqual(pipeline.games.get('0021700001')!.tracker.pattern, [1, 2]);
    assert.deepEqual(counted, [['0021700001', '8 min 30'], ['0021700001', '8 min 30'], ['0021700001', '7 min 10']]);
    const logged = log.entries.filter((e) => e.msg.includes('clock unreadable'));
    assert.deepEqual(logged.map((e) => [e.level, e.fields.gameId, e.fields.clock, e.fields.code]), [['warn', '0021700001', '8 min 30', 'invalid_clock'], ['warn', '0021700001', '7 min 10', 'invalid_clock']]);
    assert.deepEqual(log.entries.filter((e) => e.msg === 'scoreboard entry rejected'), [], 'no entry rejected');
    assert.equal(sink.ofType('score_update').find((m) => m.game_id === '0021700002')?.data.clock, '05:04');
  });
});

describe('Pipeline on games that never happen', () => {
  const off = (gameId: string, statusText: string, gameStatus: 1 | 3 = 1) =>
    scoreboardGame({ gameId, gameCode: `20230428/${gameId.slice(-3)}ABC`, gameStatus, period: 0, gameClock: '', gameStatusText: statusText });

  it('shows TBD, postponed and cancelled games as such, never asks for their play-by-play, and lets the night be complete', async () => {
    const { feed, sink, pipeline } = setup();
    const final = scoreboardGame({ gameStatus: 3, period: 4, gameClock: '', gameStatusText: 'Final', home: 100, away: 90 });
    feed.actions.set('0021700001', [...basketEachMinute(24), action(4, '0:00', 'gameEnd', [100, 90])]);
    feed.games = [final, off('0042200105', 'TBD'), off('0021700106', ' PPD '), off('0021700107', 'Postponed', 3), off('0021700108', 'Cancelled')];
    await pipeline.cycle();
    const statuses = Object.fromEntries(pipeline.snapshot().map((g) => [g.game_id, g.data.status]));
    assert.deepEqual(statuses, { '0021700001': 'Final', '0042200105': 'TBD', '0021700106': 'Postponed', '0021700107': 'Postponed', '0021700108': 'Cancelled' });
    assert.deepEqual(feed.playByPlayRequests, ['0021700001']);
    assert.equal(pipeline.allComplete, true, 'the night is over: the games that are off are not waited for');
    for (const m of sink.ofType('score_update')) assert.ok(m.game_id === '0021700001' || m.data.status !== 'Scheduled');
  });

  it('forgets a game that is off, or never started, once it leaves the board; one that turns out to be played is followed', async () => {
    const { feed, pipeline } = setup();
    const live = scoreboardGame({ period: 1, gameClock: 'PT08M00.00S' });
    feed.actions.set('0021700001', basketEachMinute(3));
    feed.games = [live, off('0042200105', 'TBD'), off('0021700106', 'PPD'), scoreboardGame({ gameId: '0021700009', gameCode: '20171017/HOUGSW', gameStatus: 1, period: 0, gameClock: '', gameStatusText: '10:30 pm ET' })];
    await pipeline.cycle();
    assert.equal(pipeline.allComplete, false, 'the live game is still on');
    feed.games = [live];
    await pipeline.cycle();
    assert.deepEqual(pipeline.snapshot().map((g) => g.game_id), ['0021700001']);
    assert.deepEqual([...pipeline.games.keys()], ['0021700001']);

    // An "if necessary" game that becomes necessary: scheduled, then live, then followed.
    feed.games = [live, off('0042200105', 'TBD')];
    await pipeline.cycle();
    feed.games = [live, scoreboardGame({ gameId: '0042200105', gameCode: '20230428/105ABC', period: 1, gameClock: 'PT11M00.00S', home: 2 })];
    feed.actions.set('0042200105', basketEachMinute(1));
    await pipeline.cycle();
    assert.equal(pipeline.games.get('0042200105')!.tracker.score.status, 'In Progress');
    assert.ok(feed.playByPlayRequests.includes('0042200105'));
  });
});

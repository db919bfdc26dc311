import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { basketEachMinute } from '../game/testing/actions.ts';
import { openStore } from '../store/sqlite-store.ts';
import { StoreJournal } from './journal.ts';
import { Persistence } from './persistence.ts';
import { Pipeline } from './pipeline.ts';
import { silentLogger } from '../domain/logger.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-persist-'));
after(() => rmSync(dir, { recursive: true, force: true }));


async function play(pipeline: Pipeline, feed: ScriptedFeed, minutes: number): Promise<void> {
  feed.games = [scoreboardGame({ period: minutes <= 12 ? 1 : 2, gameClock: 'PT05M00.00S', home: minutes * 3, away: minutes * 2 })];
  feed.actions.set('0021700001', basketEachMinute(minutes));
  await pipeline.cycle();
}

function service(file: string) {
  const store = openStore(file);
  const feed = new ScriptedFeed();
  const sink = new RecordingSink(new StoreJournal(store));
  const predictor = new FixedPredictor();
  const pipeline = new Pipeline({ feed, sink, predictor, logger: silentLogger, persistence: new Persistence(store) });
  return { store, feed, sink, predictor, pipeline };
}

describe('Pipeline with persistence', () => {
  it('restarted between 18:00 and halftime, restores the pattern and never forecasts twice', async () => {
    const file = path.join(dir, 'restart.db');
    const first = service(file);
    for (const m of [5, 10, 19, 20]) await play(first.pipeline, first.feed, m);
    assert.equal(first.sink.ofType('ml_prediction').length, 1);
    first.store.close(); // the process dies here

    const second = service(file);
    const restored = second.pipeline.games.get('0021700001');
    assert.ok(restored);
    assert.equal(restored.tracker.pattern.length, 19);
    assert.ok(restored.forecast, 'the forecast is restored with the game');
    assert.deepEqual(restored.tracker.memory(), first.pipeline.games.get('0021700001')?.tracker.memory(), 'the tracker remembers what it did');
    for (const m of [21, 24]) await play(second.pipeline, second.feed, m);
    assert.equal(second.sink.ofType('ml_prediction').length, 0, 'no second forecast');
    assert.equal(second.predictor.calls.length, 0);
    const [half] = second.sink.ofType('halftime_result');
    assert.ok(half?.forecast, 'halftime graded against the forecast made before the restart');
    assert.equal(half.actual, 24);
    assert.equal(second.pipeline.snapshot()[0]!.prediction?.prediction.point_forecast, 19);
    second.store.close();
  });

  it('restarted before 18:00, backfills the missing minutes and forecasts once', async () => {
    const file = path.join(dir, 'early.db');
    const first = service(file);
    for (const m of [3, 8]) await play(first.pipeline, first.feed, m);
    first.store.close();
    const second = service(file);
    assert.equal(second.pipeline.games.get('0021700001')!.tracker.pattern.length, 7);
    await play(second.pipeline, second.feed, 19); // minutes 8..18 happened while we were down
    const [p] = second.sink.ofType('ml_prediction');
    assert.ok(p);
    assert.deepEqual(p.pattern, Array.from({ length: 18 }, (_, i) => i + 1));
    second.store.close();
  });

  it('sends, once, a forecast that was recorded but never broadcast before the crash', async () => {
    const file = path.join(dir, 'unsent.db');
    const first = service(file);
    for (const m of [10, 17]) await play(first.pipeline, first.feed, m);
    // Crash between recording and broadcasting: the sink dies on the forecast.
    first.sink.publish = (m) => {
      if (m.type === 'ml_prediction') throw new Error('killed');
      return 0;
    };
    await assert.rejects(play(first.pipeline, first.feed, 19), /killed/);
    first.store.close();

    const second = service(file);
    await play(second.pipeline, second.feed, 20);
    await play(second.pipeline, second.feed, 21);
    const sent = second.sink.ofType('ml_prediction');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.prediction.point_forecast, 19);
    assert.equal(second.predictor.calls.length, 0, 'the stored forecast is sent, not a new one');
    second.store.close();
  });

  it('sends a late forecast recorded before the crash as late, as it was made', async () => {
    const file = path.join(dir, 'late.db');
    const first = service(file);
    await play(first.pipeline, first.feed, 5);
    first.sink.publish = (m) => {
      if (m.type === 'ml_prediction') throw new Error('killed');
      return 0;
    };
    // Back at halftime from a stall that spanned 18:00: the forecast is owed, late.
    await assert.rejects(play(first.pipeline, first.feed, 24), /killed/);
    assert.equal(first.pipeline.games.get('0021700001')?.forecast?.late, true);
    first.store.close();

    const second = service(file);
    await play(second.pipeline, second.feed, 24);
    const sent = second.sink.ofType('ml_prediction');
    assert.deepEqual(sent.map((m) => [m.late, m.pattern.length]), [[true, 18]]);
    assert.equal(second.predictor.calls.length, 0, 'the stored forecast is sent, not a new one');
    second.store.close();
  });

  it('stores a scoreboard’s changes in one transaction, and a game its store refuses holds back only itself', async () => {
    const real = openStore(path.join(dir, 'batch.db'));
    let transactions = 0;
    let refuse: string | undefined;
    // The real store behind the same port, counting transactions and refusing one game on demand.
    const store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'transaction') return <T>(fn: () => T): T => (transactions++, target.transaction(fn));
        if (key === 'upsertGame') {
          return (game: { gameId: string }) => {
            if (game.gameId === refuse) throw new Error(`disk says no to ${game.gameId}`);
            target.upsertGame(game as never);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const feed = new ScriptedFeed();
    const sink = new RecordingSink(new StoreJournal(real));
    const pipeline = new Pipeline({ feed, sink, predictor: new FixedPredictor(), logger: silentLogger, persistence: new Persistence(store) });
    const ids = ['0021700001', '0021700002', '0021700003'];
    const board = (home: number) => ids.map((gameId, i) => scoreboardGame({ gameId, gameCode: `20171017/G${i}`, home, away: 0 }));
    feed.games = board(2);
    await pipeline.cycle();
    assert.equal(transactions, 1);
    assert.equal(sink.ofType('score_update').length, 3);
    assert.deepEqual(real.loadGames().map((g) => g.game.homeScore).sort(), [2, 2, 2]);

    refuse = '0021700002';
    feed.games = board(5);
    await pipeline.cycle();
    const sent = sink.ofType('score_update').slice(3).map((m) => m.game_id);
    assert.deepEqual(sent, ['0021700001', '0021700003']);
    assert.deepEqual(real.loadGames().map((g) => [g.game.gameId, g.game.homeScore]).sort(), [['0021700001', 5], ['0021700002', 2], ['0021700003', 5]]);
    real.close();
  });

  it('does not restore a game that is off as if it were still to be played', async () => {
    const file = path.join(dir, 'off.db');
    const first = service(file);
    const off = (gameId: string, gameStatusText: string) => scoreboardGame({ gameId, gameCode: '20230428/ABCDEF', gameStatus: 1, period: 0, gameClock: '', gameStatusText });
    first.feed.games = [off('0042200105', 'TBD'), off('0021700106', 'PPD'), off('0021700107', 'Cancelled')];
    await first.pipeline.cycle();
    first.store.close();

    // A day later: nothing of them comes back.
    const later = openStore(file);
    const stored = Object.fromEntries(later.loadGames().map((g) => [g.game.gameId, g.game.status]));
    assert.deepEqual(stored, { '0042200105': 'TBD', '0021700106': 'Postponed', '0021700107': 'Cancelled' });
    const dayLater = new Pipeline({ feed: new ScriptedFeed(), sink: new RecordingSink(), predictor: new FixedPredictor(), logger: silentLogger, persistence: new Persistence(later), now: () => Date.now() + 24 * 3_600_000 });
    assert.equal(dayLater.games.size, 0);
    later.close();

    // The same night: back in the snapshot as they were, never waited for, gone with the board.
    const again = service(file);
    assert.deepEqual(again.pipeline.snapshot().map((g) => g.data.status).sort(), ['Cancelled', 'Postponed', 'TBD']);
    assert.ok([...again.pipeline.games.values()].every((g) => g.tracker.settled && !g.wantsPlayByPlay));
    again.feed.games = [scoreboardGame({ gameId: '0021700001' })];
    await again.pipeline.cycle();
    assert.deepEqual([...again.pipeline.games.keys()], ['0021700001']);
    again.store.close();
  });
});

/**
 * The broadcaster when its durable log (the real SQLite store) cannot be written: the stream goes
 * on under a new epoch, announced by a snapshot before any seq the log lacks; resumes within it
 * come from memory; the held messages go into the log in one transaction once it works, marking
 * forecasts sent; and a restart never hands a client a seq it already holds for another message.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { StoreJournal } from '../service/journal.ts';
import { ControlledStore } from '../store/testing/controlled-store.ts';
import { forecast, game, tempDir } from '../store/testing/records.ts';
import { GAME_A, GAME_B, mlPrediction, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, type Harness } from './testing/harness.ts';

const T = { timeout: 15_000 };

function storeFor(t: TestContext): ControlledStore {
  const store = new ControlledStore(path.join(tempDir(t), 'courtside.db'));
  t.after(() => store.close());
  store.upsertGame(game(GAME_A));
  store.recordForecast(forecast(GAME_A, { modelVersion: 'baseline-test' }));
  return store;
}

function publishScores(h: Harness, from: number, to: number): void {
  for (let i = from; i <= to; i += 1) h.broadcaster.publish(scoreUpdate(i % 2 ? GAME_A : GAME_B, i, 0));
}

const seqsOf = (messages: readonly { type: string; seq: number }[]) => messages.filter((m) => m.type !== 'snapshot').map((m) => m.seq);

describe('Broadcaster whose durable log fails', () => {
  for (const failure of ['full', 'read_only'] as const) {
    it(`keeps streaming under a new epoch while the store is ${failure === 'full' ? 'full' : 'read-only'}, then logs what it held, once`, T, async (t) => {
      const store = storeFor(t);
      const h = await startHarness(t, { log: new StoreJournal(store) });
      const client = await h.connect();
      const greeting = await client.nextOf('snapshot');
      const epoch = h.broadcaster.epoch;
      publishScores(h, 1, 3);
      await client.readThrough(3);

      if (failure === 'full') store.full();
      else store.readOnly();
      assert.equal(h.broadcaster.publish(mlPrediction(GAME_A), { kind: 'forecast', gameId: GAME_A, modelVersion: 'baseline-test' }), 4);
      publishScores(h, 5, 6);
      const moved = await client.nextOf('snapshot');
      assert.notEqual(h.broadcaster.epoch, epoch);
      assert.deepEqual([moved.epoch, moved.seq], [h.broadcaster.epoch, 3], 'the new epoch is announced at the last logged seq, before anything unlogged');
      assert.deepEqual(seqsOf(await client.readThrough(6)), [4, 5, 6]);
      assert.equal(h.broadcaster.unloggedMessages, 3);
      assert.equal(store.messageLogHead()?.seq, 3);
      assert.equal(greeting.epoch, epoch);

      // Within the new epoch, a resume is served from memory; from the old one, it is refused.
      const resumed = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=3`);
      assert.deepEqual(seqsOf(await resumed.readThrough(6)), [4, 5, 6]);
      const stale = await h.connect(`?epoch=${epoch}&last_seq=3`);
      assert.equal((await stale.nextOf('snapshot')).resumed, false);

      assert.equal(h.broadcaster.retryLog(), false, 'nothing written while the store still fails');
      store.heal();
      assert.equal(h.broadcaster.retryLog(), true);
      assert.equal(h.broadcaster.unloggedMessages, 0);
      assert.deepEqual(store.messageLogHead(), { epoch: h.broadcaster.epoch, seq: 6 });
      assert.deepEqual(store.messagesSince(h.broadcaster.epoch, 3, 10)?.map((m) => m.seq), [4, 5, 6]);
      assert.equal(store.loadGame(GAME_A)?.forecasts[0]?.seq, 4, 'the forecast is marked sent with its seq');
      assert.equal(h.broadcaster.publish(scoreUpdate(GAME_A, 7, 0)), 7);
      assert.equal(store.messageLogHead()?.seq, 7, 'logged directly again');
    });
  }

  it('after a restart, continues the epoch it managed to log, and resumes its clients from disk', T, async (t) => {
    const store = storeFor(t);
    const first = await startHarness(t, { log: new StoreJournal(store) });
    publishScores(first, 1, 2);
    store.full();
    publishScores(first, 3, 5);
    store.heal();
    first.broadcaster.retryLog();
    const epoch = first.broadcaster.epoch;
    await first.broadcaster.close();

    const second = await startHarness(t, { log: new StoreJournal(store), historySize: 1 });
    assert.deepEqual([second.broadcaster.epoch, second.broadcaster.seq], [epoch, 5]);
    const client = await second.connect(`?epoch=${epoch}&last_seq=2`);
    publishScores(second, 6, 6);
    assert.deepEqual(seqsOf(await client.readThrough(6)), [3, 4, 5, 6]);
  });

  it('after a crash while holding, a client of the unlogged epoch gets a fresh snapshot, never a replay', T, async (t) => {
    const store = storeFor(t);
    const first = await startHarness(t, { log: new StoreJournal(store) });
    publishScores(first, 1, 2);
    const logged = first.broadcaster.epoch;
    store.full();
    publishScores(first, 3, 5);
    const unlogged = first.broadcaster.epoch;
    // The process dies here: the held messages never reach the log.
    store.heal();

    const second = await startHarness(t, { log: new StoreJournal(store) });
    assert.deepEqual([second.broadcaster.epoch, second.broadcaster.seq], [logged, 2], 'numbering goes on from the log, under its epoch');
    publishScores(second, 3, 6);
    const client = await second.connect(`?epoch=${unlogged}&last_seq=5`);
    const snapshot = await client.nextOf('snapshot');
    assert.deepEqual([snapshot.epoch, snapshot.resumed], [logged, false]);
  });

  it('holds at most its history size, and logs the newest it kept, as history pruned before them', T, async (t) => {
    const store = storeFor(t);
    const h = await startHarness(t, { log: new StoreJournal(store), historySize: 3 });
    publishScores(h, 1, 1);
    store.full();
    publishScores(h, 2, 9);
    assert.equal(h.broadcaster.unloggedMessages, 3);
    store.heal();
    assert.equal(h.broadcaster.retryLog(), true);
    assert.deepEqual(store.messagesSince(h.broadcaster.epoch, 6, 10)?.map((m) => m.seq), [7, 8, 9]);
    assert.equal(store.messagesSince(h.broadcaster.epoch, 5, 10), null, 'a resume from before what was kept is refused');
  });
});

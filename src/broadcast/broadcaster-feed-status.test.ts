import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerMessage } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import { feedStatus, GAME_A, GAME_B, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';
import { startHarness } from './testing/harness.ts';
import { MemoryLog } from './testing/memory-log.ts';

const T = { timeout: 10_000 };
const typesOf = (messages: ServerMessage[]) => messages.map((m) => `${m.seq} ${m.type}`);

describe('Broadcaster feed_status', () => {
  it('numbers it like game messages and sends it to every client, whatever games it follows', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const all = await h.connect();
    const onlyB = await h.connect(`?game_ids=${GAME_B}`);
    await all.nextOf('snapshot');
    await onlyB.nextOf('snapshot');
    h.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    assert.equal(h.broadcaster.publish(feedStatus('failing')), 2);
    h.broadcaster.publish(scoreUpdate(GAME_B, 0, 3));
    assert.deepEqual(typesOf(await all.readThrough(3)), ['1 score_update', '2 feed_status', '3 score_update']);
    assert.deepEqual(typesOf(await onlyB.readThrough(3)), ['2 feed_status', '3 score_update']);
  });

  it('puts the latest one, without its envelope, in every later snapshot, subscribed or not', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const early = await h.connect();
    assert.equal((await early.nextOf('snapshot')).feed_status, undefined, 'not judged yet: absent');
    h.broadcaster.publish(feedStatus('failing'));
    h.broadcaster.publish(feedStatus('ok'));
    const { type: _t, timestamp: _ts, ...ok } = feedStatus('ok');
    const late = await h.connect(`?game_ids=${GAME_B}`);
    const greeting = await late.nextOf('snapshot');
    assert.equal(greeting.seq, 2);
    assert.deepEqual(greeting.feed_status, ok);
    late.send({ type: 'subscribe', game_ids: [GAME_A] });
    assert.deepEqual((await late.nextOf('snapshot')).feed_status, ok);
  });

  it('replays it on resume, from memory and from the durable log after a restart', T, async (t) => {
    const log = new MemoryLog();
    const first = await startHarness(t, { log }, [gameSnapshot(GAME_A)]);
    first.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    first.broadcaster.publish(feedStatus('failing'));
    const epoch = first.broadcaster.epoch;
    const inMemory = await first.connect(`?epoch=${epoch}&last_seq=1&game_ids=${GAME_A}`);
    assert.deepEqual(await inMemory.readThrough(2), [JSON.parse(log.rows[1]?.json ?? '')]);
    await first.broadcaster.close();

    const second = await startHarness(t, { log, historySize: 1 }, [gameSnapshot(GAME_A)]);
    second.broadcaster.publish(scoreUpdate(GAME_A, 4, 0));
    second.broadcaster.publish(scoreUpdate(GAME_A, 6, 0));
    const fromLog = await second.connect(`?epoch=${epoch}&last_seq=0&game_ids=${GAME_A}`);
    assert.deepEqual(typesOf(await fromLog.readThrough(4)), ['1 score_update', '2 feed_status', '3 score_update', '4 score_update']);
  });

  it('still refuses to publish per-client messages', T, async (t) => {
    const h = await startHarness(t);
    assert.throws(
      () => h.broadcaster.publish({ type: 'error', timestamp: new Date().toISOString(), code: 'invalid_json', message: 'x' }),
      (error: unknown) => error instanceof BroadcastError && error.code === 'not_publishable' && /only per-game messages and feed_status/.test(error.message),
    );
  });
});

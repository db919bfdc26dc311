import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { ScoreUpdate, ServerMessage } from '../protocol/messages.ts';
import { CloseCode } from './errors.ts';
import { GAME_A, GAME_B, mlPrediction, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, until, type Harness, type TestClient } from './testing/harness.ts';

const T = { timeout: 30_000 };
const SLOW_BYTES = 16 * 1024;

/** Stops a client from reading, as a stalled browser tab or a stuck consumer would. */
function pause(client: TestClient): void {
  (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

function resume(client: TestClient): void {
  (client.ws as unknown as { _socket: { resume(): void } })._socket.resume();
}

/**
 * Publishes score updates in small batches, yielding between them so that clients that read keep
 * up, until the paused one is over the threshold (its kernel buffers are full first). Returns the
 * latest score published per game.
 */
async function publishUntilSlow(h: Harness): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  for (let points = 1; h.broadcaster.stats().slowClients === 0; points += 1) {
    assert.ok(points < 2_000_000, 'the paused client never fell behind');
    const game = points % 2 === 0 ? GAME_A : GAME_B;
    h.broadcaster.publish(scoreUpdate(game, points, 0));
    latest.set(game, points);
    if (points % 50 === 0) await turn();
  }
  return latest;
}

const seqs = (messages: ServerMessage[]) => messages.map((m) => m.seq);

function assertIncreasing(messages: ServerMessage[]): void {
  for (let i = 1; i < messages.length; i += 1) {
    assert.ok((messages[i]?.seq ?? 0) > (messages[i - 1]?.seq ?? 0), `seq ${messages[i]?.seq} after ${messages[i - 1]?.seq}`);
  }
}

describe('Broadcaster slow consumers', () => {
  it('skips score updates for a client that stopped reading, then sends it the latest of each game and everything else', T, async (t) => {
    const h = await startHarness(t, { slowClientBytes: SLOW_BYTES, slowClientTimeoutMs: 60_000 });
    const slow = await h.connect();
    const fast = await h.connect();
    await Promise.all([slow.nextOf('snapshot'), fast.nextOf('snapshot')]);
    pause(slow);

    const latest = await publishUntilSlow(h);
    const becameSlowAt = h.broadcaster.seq;
    // While it is behind: more scores (to be compacted) and messages that must not be lost.
    const mustArrive: number[] = [];
    for (let i = 1; i <= 200; i += 1) {
      const game = i % 2 === 0 ? GAME_A : GAME_B;
      const points = becameSlowAt + i;
      h.broadcaster.publish(scoreUpdate(game, points, 0));
      latest.set(game, points);
      if (i % 50 === 0) mustArrive.push(h.broadcaster.publish(i === 100 ? mlPrediction(GAME_A) : patternProgress(GAME_B, [i % 7])));
      if (i % 20 === 0) await turn();
    }
    const last = h.broadcaster.seq;

    // The reader is not held back: every message, in order.
    const all = await fast.readThrough(last);
    assert.deepEqual(seqs(all), Array.from({ length: last }, (_, i) => i + 1));
    assert.equal(h.broadcaster.stats().slowClients, 1);
    assert.ok(h.broadcaster.stats().droppedScoreUpdates > 0);

    let resumed = false;
    const flushed = h.broadcaster.whenFlushed().then(() => assert.ok(resumed, 'flushed before the paused client read anything'));
    resumed = true;
    resume(slow);
    const got = await slow.readThrough(last);
    await flushed;

    assertIncreasing(got);
    const gotSeqs = new Set(seqs(got));
    for (const seq of mustArrive) assert.ok(gotSeqs.has(seq), `message ${seq} was lost`);
    const scores = got.filter((m): m is ScoreUpdate => m.type === 'score_update');
    assert.ok(scores.length < last - mustArrive.length, 'some score updates were skipped');
    for (const game of [GAME_A, GAME_B]) {
      const final = scores.filter((m) => m.game_id === game).at(-1);
      assert.equal(final?.data.home_score, latest.get(game), `latest score of ${game}`);
    }
    assert.equal(h.broadcaster.stats().slowClients, 0);

    // Caught up: live again, every message.
    h.broadcaster.publish(scoreUpdate(GAME_A, 1_000_000, 0));
    h.broadcaster.publish(scoreUpdate(GAME_A, 1_000_001, 0));
    assert.deepEqual(seqs(await slow.readThrough(last + 2)), [last + 1, last + 2]);
  });

  it('closes a client that stays behind longer than slowClientTimeoutMs with 4008, leaving the others alone', T, async (t) => {
    const h = await startHarness(t, { slowClientBytes: SLOW_BYTES, slowClientTimeoutMs: 100, closeGraceMs: 20_000 });
    const slow = await h.connect();
    const fast = await h.connect();
    await Promise.all([slow.nextOf('snapshot'), fast.nextOf('snapshot')]);
    pause(slow);
    await publishUntilSlow(h);
    await until(() => h.broadcaster.clientCount === 1);
    assert.equal(h.broadcaster.stats().slowDisconnects, 1);
    assert.ok(h.logs.some((line) => line.level === 'warn' && line.message.startsWith('slow consumer: send buffer above 16384 bytes for 100 ms')));

    // Reading again, it finds the close frame behind what was already queued.
    resume(slow);
    assert.deepEqual(await slow.closed, { code: CloseCode.SLOW_CONSUMER, reason: 'slow consumer: send buffer above 16384 bytes for 100 ms' });
    const seq = h.broadcaster.publish(mlPrediction(GAME_B));
    assert.deepEqual(seqs(await fast.readThrough(seq)), Array.from({ length: seq }, (_, i) => i + 1));
  });

  it('answers a slow client\'s requests with one fresh snapshot once it catches up, superseding its backlog', T, async (t) => {
    const h = await startHarness(t, { slowClientBytes: SLOW_BYTES, slowClientTimeoutMs: 60_000 });
    const slow = await h.connect();
    await slow.nextOf('snapshot');
    pause(slow);
    await publishUntilSlow(h);
    const owed = h.broadcaster.publish(patternProgress(GAME_A, [1]));
    // It can still write: it asks for a fresh state, which replaces its backlog.
    const sentBefore = h.broadcaster.stats().sent;
    slow.send({ type: 'subscribe', game_ids: '*' });
    slow.send('not json');
    await until(() => h.logs.some((line) => line.message === 'snapshot deferred until the client catches up'));
    assert.equal(h.broadcaster.stats().sent, sentBefore, 'nothing more is queued for a client that does not read');
    h.broadcaster.publish(scoreUpdate(GAME_B, 7, 7));
    const asked = h.broadcaster.seq;
    resume(slow);
    const snapshot = await slow.nextOf('snapshot');
    assert.equal(snapshot.seq, asked);
    h.broadcaster.publish(scoreUpdate(GAME_A, 9, 9));
    const after = await slow.readThrough(asked + 1);
    assert.ok(!slow.messages.some((m) => m.seq === owed && m.type === 'pattern_progress'), 'the superseded backlog was sent');
    assert.deepEqual(seqs(after), [asked + 1], 'nothing from the backlog after the snapshot');
  });
});

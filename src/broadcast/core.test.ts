import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { ServerMessage } from '../protocol/messages.ts';
import { BroadcastError, CloseCode } from './errors.ts';
import { startCore, type CoreHarness, type FakeClient } from './testing/core-harness.ts';
import { GAME_A, GAME_B, GAME_C, gameSnapshot, mlPrediction, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { until } from './testing/recording.ts';
import { StreamArchive } from './testing/stream-archive.ts';

const T = { timeout: 10_000 };
const seqsOf = (messages: readonly ServerMessage[]) => messages.map((m) => m.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Publishes score updates until the paused client is behind; the latest score per game. */
function publishUntilSlow(h: CoreHarness): Map<string, number> {
  const latest = new Map<string, number>();
  for (let points = 1; h.core.stats().slowClients === 0; points += 1) {
    assert.ok(points < 1_000, 'the paused client never fell behind');
    const game = points % 2 === 0 ? GAME_A : GAME_B;
    h.publisher.publish(scoreUpdate(game, points, 0));
    latest.set(game, points);
  }
  return latest;
}

async function closeCode(client: FakeClient): Promise<number | undefined> {
  await client.closed;
  return client.socket.closeRequested?.code;
}

describe('StreamCore (no sockets)', () => {
  it('greets a connection with the snapshot of the games its query names and sends it only those games, in seq order', T, async (t) => {
    const h = startCore(t, { epoch: 'night-1' }, [gameSnapshot(GAME_A, 3, 2), gameSnapshot(GAME_B)]);
    const all = h.connect();
    const onlyA = h.connect(`?game_ids=${GAME_A}`);
    const greeting = await onlyA.nextOf('snapshot');
    assert.deepEqual(greeting.games.map((g) => g.game_id), [GAME_A]);
    assert.equal(greeting.epoch, 'night-1');
    for (let i = 1; i <= 6; i += 1) assert.equal(h.publisher.publish(scoreUpdate(i % 2 ? GAME_A : GAME_B, i, 0)), i);
    assert.deepEqual(seqsOf(await all.readThrough(6)), [0, ...range(1, 6)]);
    assert.deepEqual(seqsOf(await onlyA.readThrough(5)), [1, 3, 5]);
    const stats = h.core.stats();
    assert.equal(stats.published, 6);
    assert.equal(stats.sent, 2 + 6 + 3);
    assert.equal(stats.clients, 2);
  });

  it('answers subscribe with the chosen games’ snapshot and an error naming the untracked ones', T, async (t) => {
    const h = startCore(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const client = h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'subscribe', game_ids: [GAME_B, GAME_C] });
    const error = await client.next();
    assert.equal(error.type === 'error' && error.code, 'unknown_game');
    assert.match(error.type === 'error' ? error.message : '', new RegExp(GAME_C));
    const snapshot = await client.nextOf('snapshot');
    assert.deepEqual(snapshot.games.map((g) => g.game_id), [GAME_B]);
    h.publisher.publish(scoreUpdate(GAME_A, 1, 0));
    h.publisher.publish(scoreUpdate(GAME_B, 0, 1));
    assert.deepEqual(seqsOf(await client.readThrough(2)), [2]);
  });

  it('answers bad input with an error carrying the client’s position, counts it and keeps the client', T, async (t) => {
    const h = startCore(t);
    const client = h.connect();
    await client.nextOf('snapshot');
    h.publisher.publish(scoreUpdate(GAME_A, 1, 0));
    await client.readThrough(1);
    client.send('{not json');
    client.send(Buffer.from('{}'));
    client.send({ type: 'cheer' });
    const codes = [];
    for (let i = 0; i < 3; i += 1) {
      const reply = await client.nextOf('error');
      assert.equal(reply.seq, 1);
      codes.push(reply.code);
    }
    assert.deepEqual(codes, ['invalid_json', 'invalid_message', 'unknown_type']);
    assert.equal(h.core.stats().clientErrors, 3);
    assert.equal(h.core.clientCount, 1);
  });

  it('resumes a reconnecting client with exactly the gap, in order and without a snapshot, and refuses another epoch with resumed: false', T, async (t) => {
    const h = startCore(t, { epoch: 'night-1' }, [gameSnapshot(GAME_A)]);
    const first = h.connect();
    for (let i = 1; i <= 4; i += 1) h.publisher.publish(scoreUpdate(GAME_A, i, 0));
    await first.readThrough(4);
    first.socket.hangUp();
    await first.closed;
    await until(() => h.core.clientCount === 0);
    for (let i = 5; i <= 9; i += 1) h.publisher.publish(i === 7 ? mlPrediction(GAME_A) : scoreUpdate(GAME_A, i, 0));

    const back = h.connect('?epoch=night-1&last_seq=4');
    assert.deepEqual(seqsOf(await back.readThrough(9)), range(5, 9));
    assert.equal(back.messages.filter((m) => m.type === 'snapshot').length, 0);
    h.publisher.publish(scoreUpdate(GAME_A, 10, 0));
    assert.deepEqual(seqsOf(await back.readThrough(10)), [10]);

    const stranger = h.connect('?epoch=another-night&last_seq=4');
    const answer = await stranger.next();
    assert.equal(answer.type, 'snapshot');
    assert.equal(answer.type === 'snapshot' && answer.resumed, false);
    assert.equal(answer.seq, 10);
  });

  it('takes messages another source numbered (an edge’s stream) and replays from that source’s archive what memory no longer holds', T, async (t) => {
    const stream = new StreamArchive('stream-1');
    const h = startCore(t, { epoch: 'stream-1', historySize: 2, resumePageSize: 3 }, [gameSnapshot(GAME_A)], { seq: 5000, archive: stream });
    const live = h.connect();
    assert.equal((await live.nextOf('snapshot')).seq, 5000);
    for (let seq = 5001; seq <= 5010; seq += 1) h.core.deliver(stream.add(seq));
    assert.deepEqual(seqsOf(await live.readThrough(5010)), range(5001, 5010));

    const resumed = h.connect('?epoch=stream-1&last_seq=5003');
    assert.deepEqual(seqsOf(await resumed.readThrough(5010)), range(5004, 5010));
    assert.equal(resumed.messages.filter((m) => m.type === 'snapshot').length, 0);
    assert.ok(stream.reads >= 2, `the gap beyond memory came from the archive, a page at a time (${stream.reads} reads)`);
    assert.equal(h.core.seq, 5010);
  });

  it('refuses a message that does not follow the last seq, sends nothing and stays where it was', T, async (t) => {
    const stream = new StreamArchive('stream-1');
    const h = startCore(t, { epoch: 'stream-1' }, [], { seq: 5000, archive: stream });
    const client = h.connect();
    await client.nextOf('snapshot');
    h.core.deliver(stream.add(5001));
    for (const seq of [5001, 5003]) {
      assert.throws(() => h.core.deliver(stream.add(seq)), (error: unknown) => error instanceof BroadcastError && error.code === 'ERR_OUT_OF_SEQUENCE' && /5001/.test(error.message));
    }
    await turn();
    assert.deepEqual(seqsOf(client.messages), [5000, 5001]);
    assert.equal(h.core.seq, 5001);
    assert.equal(h.core.stats().published, 1);
  });

  it('greets every client again with a snapshot when the source starts a new epoch', T, async (t) => {
    const h = startCore(t, { epoch: 'stream-1' }, [gameSnapshot(GAME_A)]);
    const clients = [h.connect(), h.connect(`?game_ids=${GAME_A}`)];
    h.publisher.publish(scoreUpdate(GAME_A, 1, 0));
    h.core.startEpoch('stream-2');
    for (const client of clients) {
      const [greeting, update, again] = await client.readThrough(1).then(async (read) => [...read, await client.next()]);
      assert.deepEqual([greeting?.type, update?.type, again?.type], ['snapshot', 'score_update', 'snapshot']);
      assert.equal(again?.type === 'snapshot' && again.epoch, 'stream-2');
      assert.equal(again?.seq, 1);
    }
    assert.equal(h.core.epoch, 'stream-2');
  });

  it('holds a client that stopped reading to a backlog (latest score per game, every other message) and sends it once it reads again', T, async (t) => {
    const h = startCore(t, { slowClientBytes: 1024, slowClientTimeoutMs: 60_000, outputBudgetBytes: 64 * 1024 });
    const slow = h.connect();
    const reader = h.connect();
    slow.socket.pause();
    const latest = publishUntilSlow(h);
    const behindFrom = h.core.seq;
    for (let i = 1; i <= 20; i += 1) {
      const game = i % 2 === 0 ? GAME_A : GAME_B;
      h.publisher.publish(scoreUpdate(game, behindFrom + i, 0));
      latest.set(game, behindFrom + i);
    }
    const prediction = h.publisher.publish(mlPrediction(GAME_A));
    const progress = h.publisher.publish(patternProgress(GAME_B, [1, 2]));
    assert.equal((await reader.readThrough(progress)).length, progress + 1, 'the reader is not held back');
    assert.deepEqual(slow.messages.map((m) => m.type), ['snapshot'], 'only the greeting, read before it paused');
    assert.ok(h.core.stats().droppedScoreUpdates > 0);

    slow.socket.resume();
    const got = await slow.readThrough(progress);
    for (let i = 1; i < got.length; i += 1) assert.ok((got[i]?.seq ?? 0) > (got[i - 1]?.seq ?? 0), 'in seq order');
    const caughtUp = got.filter((m) => m.seq > behindFrom);
    const lastScores = new Map(caughtUp.filter((m) => m.type === 'score_update').map((m) => [m.game_id, m.type === 'score_update' ? m.data.home_score : 0]));
    assert.deepEqual(lastScores, latest);
    assert.deepEqual(caughtUp.filter((m) => m.type !== 'score_update').map((m) => m.seq), [prediction, progress]);
    await until(() => h.core.stats().slowClients === 0);
  });

  it('closes a client that stays behind past the timeout with 4008, and one that would pass its output budget with 4009', T, async (t) => {
    const h = startCore(t, { slowClientBytes: 1024, slowClientTimeoutMs: 30, outputBudgetBytes: 4096, closeGraceMs: 20 });
    const stuck = h.connect();
    stuck.socket.pause();
    publishUntilSlow(h);
    assert.equal(await closeCode(stuck), CloseCode.SLOW_CONSUMER);
    assert.equal(h.core.stats().slowDisconnects, 1);

    const hoarder = h.connect();
    hoarder.socket.pause();
    // Predictions are never compacted: the backlog grows until the budget is passed.
    for (let i = 0; i < 100 && hoarder.socket.closeRequested === undefined; i += 1) h.publisher.publish(mlPrediction(GAME_A));
    assert.equal(await closeCode(hoarder), CloseCode.OUTPUT_BUDGET);
    const closes = h.core.stats().closes;
    assert.deepEqual([closes.slow_consumer, closes.output_budget, closes.peer_closed], [1, 1, 0]);
    assert.equal(h.core.clientCount, 0);
  });

  it('closes a client over its message rate with 4029 and counts the limit it passed', T, async (t) => {
    const h = startCore(t, { maxMessagesPerSecond: 3 });
    const client = h.connect();
    for (let i = 0; i < 4; i += 1) client.send('{not json');
    assert.equal(await closeCode(client), CloseCode.RATE_LIMITED);
    assert.equal(client.messages.filter((m) => m.type === 'error').length, 3);
    assert.equal(h.core.stats().rateLimited.messages, 1);
  });

  it('counts each way the transport ends a connection once (a missed pong, a broken frame), apart from the peer leaving', T, async (t) => {
    const h = startCore(t);
    const dead = h.connect();
    const broken = h.connect();
    const leaving = h.connect();
    dead.socket.fail('dead_peer', 'no pong since the last ping; terminating');
    broken.socket.fail('protocol_error', 'Invalid WebSocket frame: invalid UTF-8 sequence');
    leaving.socket.hangUp();
    await Promise.all([dead.closed, broken.closed, leaving.closed]);
    await until(() => h.core.clientCount === 0);
    const stats = h.core.stats();
    assert.deepEqual([stats.closes.dead_peer, stats.closes.protocol_error, stats.closes.peer_closed], [1, 1, 1]);
    assert.equal(stats.deadPeersTerminated, 1);
    assert.ok(h.logs.some((line) => line.level === 'warn' && line.fields.err === 'Invalid WebSocket frame: invalid UTF-8 sequence'));
  });

  it('closes a client whose snapshot cannot be built with 1011 rather than leave it without state', T, async (t) => {
    const h = startCore(t, {
      snapshot: () => {
        throw new Error('tracker unavailable');
      },
    });
    const client = h.connect();
    assert.equal(await closeCode(client), CloseCode.INTERNAL_ERROR);
    assert.equal(client.messages.length, 0);
    assert.equal(h.core.stats().closes.snapshot_unavailable, 1);
  });

  it('close() ends every client with 1001, and a connection opened after it is closed at once', T, async (t) => {
    const h = startCore(t);
    const clients = [h.connect(), h.connect()];
    await h.core.close();
    for (const client of clients) assert.equal(await closeCode(client), CloseCode.GOING_AWAY);
    const late = h.connect();
    assert.equal(await closeCode(late), CloseCode.GOING_AWAY);
    assert.equal(late.messages.length, 0);
    assert.equal(h.core.clientCount, 0);
    assert.equal(h.core.stats().closes.shutdown, 2);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { ServerMessage } from '../protocol/messages.ts';
import { GAME_A, GAME_B, gameSnapshot, mlPrediction, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { startHarness, type Harness } from './testing/harness.ts';
import { MemoryLog } from './testing/memory-log.ts';

const T = { timeout: 10_000 };

/** Publishes seqs from..to, alternating games and message types. */
function publishRange(h: Harness, from: number, to: number): void {
  for (let seq = from; seq <= to; seq += 1) {
    const game = seq % 2 === 0 ? GAME_A : GAME_B;
    const seqOut = h.broadcaster.publish(seq % 3 === 0 ? patternProgress(game, [seq]) : scoreUpdate(game, seq, 0));
    assert.equal(seqOut, seq);
  }
}

const seqsOf = (messages: ServerMessage[]) => messages.map((m) => m.seq);
const gameOf = (m: ServerMessage) => ('game_id' in m ? m.game_id : undefined);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The most frames the broadcaster wrote in one turn of the event loop, until `stop()`. */
function framesPerTurn(h: Harness): { readonly max: number; stop(): void } {
  let running = true;
  let max = 0;
  void (async () => {
    let last = h.broadcaster.stats().sent;
    while (running) {
      await turn();
      const sent = h.broadcaster.stats().sent;
      max = Math.max(max, sent - last);
      last = sent;
    }
  })();
  return { get max() { return max; }, stop: () => void (running = false) };
}

describe('Broadcaster resume', () => {
  it('replays what a reconnecting client missed, exactly once and in order, then continues live', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const before = await h.connect();
    await before.nextOf('snapshot');
    publishRange(h, 1, 4);
    await before.readThrough(4);
    before.ws.close();
    await before.closed;
    publishRange(h, 5, 10);

    const after = await h.connect();
    assert.equal((await after.nextOf('snapshot')).seq, 10);
    after.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 4 });
    const replayed = await after.readThrough(10);
    assert.deepEqual(seqsOf(replayed), [5, 6, 7, 8, 9, 10]);
    publishRange(h, 11, 12);
    assert.deepEqual(seqsOf(await after.readThrough(12)), [11, 12]);
    assert.equal(after.messages.filter((m) => m.type === 'snapshot').length, 1);
  });

  it('replays only the subscribed games', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    publishRange(h, 1, 10);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'subscribe', game_ids: [GAME_A] });
    await client.nextOf('snapshot');
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 3 });
    const replayed = await client.readThrough(10);
    assert.deepEqual(seqsOf(replayed), [4, 6, 8, 10]);
    assert.ok(replayed.every((m) => gameOf(m) === GAME_A));
  });

  it('resumes atomically from the connection URL: the replay comes first, no greeting snapshot', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    publishRange(h, 1, 8);
    const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=5&game_ids=${GAME_A},${GAME_B}`);
    publishRange(h, 9, 9);
    const received = await client.readThrough(9);
    assert.deepEqual(seqsOf(received), [6, 7, 8, 9]);
    assert.ok(received.every((m) => m.type !== 'snapshot'));
  });

  it('answers a gap older than the history with a fresh snapshot marked resumed: false', T, async (t) => {
    const h = await startHarness(t, { historySize: 3 }, [gameSnapshot(GAME_A)]);
    publishRange(h, 1, 10);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 6 });
    const reply = await client.next();
    assert.equal(reply.type, 'snapshot');
    assert.equal(reply.type === 'snapshot' && reply.resumed, false);
    assert.equal(reply.seq, 10);
    assert.deepEqual(reply.type === 'snapshot' && reply.games.map((g) => g.game_id), [GAME_A]);
    // The oldest gap still held replays normally.
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 7 });
    assert.deepEqual(seqsOf(await client.readThrough(10)), [8, 9, 10]);
  });

  it('answers another epoch (a server that lost its history) with a snapshot', T, async (t) => {
    const h = await startHarness(t);
    publishRange(h, 1, 3);
    const client = await h.connect(`?epoch=some-earlier-run&last_seq=2`);
    const reply = await client.next();
    assert.equal(reply.type === 'snapshot' && reply.resumed, false);
    assert.equal(reply.type === 'snapshot' && reply.epoch, h.broadcaster.epoch);
  });

  it('answers a last_seq the server never issued with a snapshot', T, async (t) => {
    const h = await startHarness(t);
    publishRange(h, 1, 3);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 99 });
    const reply = await client.next();
    assert.equal(reply.type === 'snapshot' && reply.resumed, false);
  });

  it('will not replay behind live messages already sent on this connection (they would arrive out of order)', T, async (t) => {
    const h = await startHarness(t);
    publishRange(h, 1, 2);
    const client = await h.connect();
    await client.nextOf('snapshot');
    publishRange(h, 3, 4);
    await client.readThrough(4);
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 1 });
    const reply = await client.next();
    assert.equal(reply.type === 'snapshot' && reply.resumed, false);
    assert.equal(reply.seq, 4);
  });

  it('sends nothing for a client that is already up to date', T, async (t) => {
    const h = await startHarness(t);
    publishRange(h, 1, 3);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'resume', epoch: h.broadcaster.epoch, last_seq: 3 });
    // A subscribe is answered after the resume: nothing may come between.
    client.send({ type: 'subscribe', game_ids: '*' });
    const next = await client.next();
    assert.equal(next.type === 'snapshot' && next.resumed, undefined);
  });

  it('answers a malformed resume with an error and keeps the stream', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect('?epoch=e&last_seq=x');
    const problem = await client.next();
    assert.equal(problem.type === 'error' && problem.code, 'invalid_message');
    assert.equal((await client.next()).type, 'snapshot');
  });

  it('replays a long gap a page per turn, taking turns between clients, never more than a page in one turn', T, async (t) => {
    const h = await startHarness(t, { resumePageSize: 10 });
    publishRange(h, 1, 300);
    const turns = framesPerTurn(h);
    const clients = await Promise.all([0, 100, 250].map((lastSeq) => h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=${lastSeq}`)));
    const received = await Promise.all(clients.map((c) => c.readThrough(300)));
    turns.stop();
    assert.deepEqual(received.map(seqsOf), [range(1, 300), range(101, 300), range(251, 300)]);
    assert.equal(turns.max, 10, "the most frames written in one turn: one page");
    assert.equal(h.broadcaster.stats().replaying, 0);
  });

  it('sends what is published during a replay after it, in order, exactly once', T, async (t) => {
    const h = await startHarness(t, { resumePageSize: 5 });
    publishRange(h, 1, 100);
    const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=0`);
    for (let seq = 101; seq <= 150; seq += 1) {
      publishRange(h, seq, seq);
      await turn();
    }
    assert.deepEqual(seqsOf(await client.readThrough(150)), range(1, 150));
  });

  it('answers a gap beyond the resume window with a snapshot, and replays one within it', T, async (t) => {
    const h = await startHarness(t, { resumeWindow: 5 });
    publishRange(h, 1, 10);
    const far = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=4`);
    const reply = await far.next();
    assert.equal(reply.type === 'snapshot' && reply.resumed, false);
    const near = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=5`);
    assert.deepEqual(seqsOf(await near.readThrough(10)), range(6, 10));
  });

  it('lets a subscribe sent during a replay supersede it: a snapshot of the head, then live', T, async (t) => {
    const h = await startHarness(t, { resumePageSize: 1 }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    publishRange(h, 1, 200);
    const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=0`);
    client.send({ type: 'subscribe', game_ids: [GAME_A] });
    const snapshot = await client.nextOf('snapshot');
    assert.equal(snapshot.seq, 200);
    const replayed = client.messages.slice(0, -1);
    assert.ok(replayed.length < 200, 'the replay was cut short');
    assert.deepEqual(seqsOf(replayed), range(1, replayed.length));
    publishRange(h, 201, 202);
    assert.deepEqual(seqsOf(await client.readThrough(202)), [202], 'live, for the subscribed game only');
    assert.equal(h.broadcaster.stats().replaying, 0);
  });

  it('lets a replay under way finish before close() says 1001', T, async (t) => {
    const h = await startHarness(t, { resumePageSize: 1 });
    publishRange(h, 1, 100);
    const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=0`);
    await h.broadcaster.close();
    assert.equal((await client.closed).code, 1001);
    assert.deepEqual(seqsOf(client.messages), range(1, 100));
  });

  describe('with a durable log', () => {
    it('logs every message before sending it, and refuses the publish when the log fails', T, async (t) => {
      const log = new MemoryLog();
      const h = await startHarness(t, { log });
      const client = await h.connect();
      await client.nextOf('snapshot');
      publishRange(h, 1, 2);
      assert.deepEqual(log.rows.map((r) => r.seq), [1, 2]);
      assert.equal(log.epoch, h.broadcaster.epoch);
      const [first] = await client.readThrough(2);
      assert.deepEqual(JSON.parse(log.rows[0]?.json ?? ''), first);

      log.failNextAppend = true;
      assert.throws(() => h.broadcaster.publish(mlPrediction(GAME_A)), /disk I\/O error/);
      assert.equal(h.broadcaster.seq, 2);
      assert.equal(h.broadcaster.publish(mlPrediction(GAME_A)), 3);
      assert.deepEqual(seqsOf(await client.readThrough(3)), [3]);
    });

    it('after a restart keeps the epoch, continues the numbering and replays the gap from the log', T, async (t) => {
      const log = new MemoryLog();
      const first = await startHarness(t, { log });
      publishRange(first, 1, 6);
      const epoch = first.broadcaster.epoch;
      await first.broadcaster.close();

      const second = await startHarness(t, { log, historySize: 100 });
      assert.equal(second.broadcaster.epoch, epoch);
      assert.equal(second.broadcaster.seq, 6);
      const client = await second.connect(`?epoch=${epoch}&last_seq=2`);
      publishRange(second, 7, 7);
      const received = await client.readThrough(7);
      assert.deepEqual(seqsOf(received), [3, 4, 5, 6, 7]);
      assert.deepEqual(received[0], JSON.parse(log.rows[2]?.json ?? ''));
    });

    it('answers with a snapshot when the log has pruned the gap', T, async (t) => {
      const log = new MemoryLog();
      const h = await startHarness(t, { log, historySize: 2 });
      publishRange(h, 1, 6);
      log.prune(3);
      const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=2`);
      const reply = await client.next();
      assert.equal(reply.type === 'snapshot' && reply.resumed, false);
      const fromLog = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=3`);
      assert.deepEqual(seqsOf(await fromLog.readThrough(6)), [4, 5, 6]);
    });

    it('answers with a snapshot and logs the problem when the log returns something else than the gap', T, async (t) => {
      const log = new MemoryLog();
      const h = await startHarness(t, { log, historySize: 1 });
      publishRange(h, 1, 4);
      const row = log.rows[2];
      if (row) row.json = '{"type":"snapshot"}';
      const client = await h.connect(`?epoch=${h.broadcaster.epoch}&last_seq=1`);
      const reply = await client.next();
      assert.equal(reply.type === 'snapshot' && reply.resumed, false);
      assert.ok(h.logs.some((line) => line.level === 'error' && /logged message 3 is not the per-game message/.test(String(line.fields.err))));
    });
  });
});

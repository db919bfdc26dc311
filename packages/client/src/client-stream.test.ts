/**
 * The client against the real Broadcaster on an ephemeral port: the greeting, typed events and
 * state, per-game subscriptions, the async iterator, and resuming over dropped connections.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { WebSocket } from 'ws';
import { GAME_A, GAME_B, GAME_C, gameSnapshot, halftimeResult, mlPrediction, patternProgress, scoreUpdate } from '../../../src/broadcast/testing/fixtures.ts';
import { startHarness, type Harness } from '../../../src/broadcast/testing/harness.ts';
import { TcpRelay } from '../../../test/support/tcp-relay.ts';
import { CourtsideClient, type ClientOptions, type ServerMessage } from './index.ts';
import { Recorder } from './testing/recorder.ts';

const T = { timeout: 15_000 };
const FAST = { baseMs: 20, capMs: 100 };

function open(t: TestContext, url: string, options: Partial<ClientOptions> = {}): { client: CourtsideClient; seen: Recorder } {
  const client = new CourtsideClient({ url, WebSocket, backoff: FAST, ...options });
  t.after(() => client.close());
  return { client, seen: new Recorder(client) };
}

/** Publishes one message per seq, alternating games A and B and message kinds; returns the seqs. */
function publishRange(h: Harness, count: number, games = [GAME_A, GAME_B]): number[] {
  const seqs: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const game = games[(h.broadcaster.seq + 1) % games.length] as string;
    const seq = h.broadcaster.seq + 1;
    seqs.push(h.broadcaster.publish(seq % 3 === 0 ? patternProgress(game, [seq % 7]) : scoreUpdate(game, seq, 0)));
  }
  return seqs;
}

const seqs = (messages: readonly ServerMessage[]) => messages.map((m) => m.seq);

async function viaRelay(t: TestContext, h: Harness): Promise<{ relay: TcpRelay; url: string }> {
  const relay = await TcpRelay.start();
  relay.connectTo((h.server.address() as AddressInfo).port);
  t.after(() => relay.close());
  return { relay, url: `ws://127.0.0.1:${relay.port}/` };
}

describe('CourtsideClient against the real broadcaster', () => {
  it('is greeted with the snapshot, then keeps each game\'s state and raises typed events', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A, 3, 2), gameSnapshot(GAME_B)]);
    const { client, seen } = open(t, h.url);
    const scores: number[] = [];
    const changed: string[] = [];
    client.on('score_update', (m) => scores.push(m.data.home_score));
    client.on('game', (g) => changed.push(g.game_id));
    await client.whenSynced();
    assert.equal(client.synced, true);
    assert.deepEqual([...client.games.keys()], [GAME_A, GAME_B]);
    assert.equal(client.game(GAME_A)?.data.home_score, 3);
    assert.deepEqual(client.position, { epoch: h.broadcaster.epoch, seq: 0 });
    assert.equal(client.connection.state, 'connected');

    h.broadcaster.publish(scoreUpdate(GAME_A, 40, 38, 2, '05:59'));
    h.broadcaster.publish(patternProgress(GAME_A, [1, 2, 3]));
    h.broadcaster.publish(mlPrediction(GAME_A));
    h.broadcaster.publish(halftimeResult(GAME_A, 10));
    h.broadcaster.publish(scoreUpdate(GAME_B, 7, 9));
    await seen.readThrough(5);

    assert.deepEqual(seen.messages.map((m) => m.type), ['snapshot', 'score_update', 'pattern_progress', 'ml_prediction', 'halftime_result', 'score_update']);
    assert.deepEqual(scores, [40, 7]);
    assert.deepEqual(changed, [GAME_A, GAME_A, GAME_A, GAME_A, GAME_B]);
    const a = client.game(GAME_A);
    assert.equal(a?.data.clock, '05:59');
    assert.deepEqual(a?.pattern, [1, 2, 3]);
    assert.equal(a?.prediction?.prediction.point_forecast, 13.4);
    assert.equal(a?.halftime?.actual, 10);
    assert.equal(a?.halftime?.covered, true);
    assert.equal(client.game(GAME_B)?.data.away_score, 9);
    assert.deepEqual(client.position, { epoch: h.broadcaster.epoch, seq: 5 });
    // The state is what the server itself would now report for the game, field for field.
    assert.deepEqual(Object.keys(a ?? {}).sort(), Object.keys(gameSnapshot(GAME_A)).sort());
  });

  it('follows only the games it subscribed to, in the handshake and later with subscribe()', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B), gameSnapshot(GAME_C)]);
    const { client, seen } = open(t, h.url, { games: [GAME_A] });
    await client.whenSynced();
    assert.deepEqual([...client.games.keys()], [GAME_A]);
    publishRange(h, 12, [GAME_A, GAME_B, GAME_C]);
    await seen.readThrough(12);
    assert.deepEqual(seqs(seen.gameMessages), [3, 6, 9, 12], 'every third seq is game A\'s');
    assert.deepEqual(new Set(seen.gameMessages.map((m) => m.game_id)), new Set([GAME_A]));

    const snapshots = seen.ofType('snapshot').length;
    client.subscribe([GAME_B, GAME_C]);
    assert.deepEqual(client.subscription, [GAME_B, GAME_C]);
    await seen.until('the snapshot of B and C', () => seen.ofType('snapshot').length > snapshots);
    assert.deepEqual([...client.games.keys()].sort(), [GAME_B, GAME_C], 'the new snapshot replaced the state');
    const from = h.broadcaster.seq;
    publishRange(h, 6, [GAME_A, GAME_B, GAME_C]);
    await seen.readThrough(from + 5);
    const after = seen.gameMessages.filter((m) => m.seq > from);
    assert.ok(after.length >= 3 && after.every((m) => m.game_id !== GAME_A), JSON.stringify(after.map((m) => m.game_id)));

    client.subscribe('*');
    await seen.until('the snapshot of every game', () => client.games.size === 3);
    assert.equal(client.subscription, '*');
  });

  it('hands every message to each async iterator once, in order; close() ends them after what was received', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const { client, seen } = open(t, h.url);
    const all: ServerMessage[] = [];
    const reading = (async () => {
      for await (const m of client) all.push(m);
    })();
    const firstTwo: ServerMessage[] = [];
    const breaking = (async () => {
      for await (const m of client) {
        firstTwo.push(m);
        if (firstTwo.length === 2) break;
      }
    })();
    await client.whenSynced();
    publishRange(h, 20);
    await breaking;
    await seen.readThrough(20);
    await client.close();
    await reading;
    assert.deepEqual(seqs(all), [0, ...Array.from({ length: 20 }, (_, i) => i + 1)]);
    assert.equal(all[0]?.type, 'snapshot');
    assert.deepEqual(seqs(firstTwo), [0, 1]);
    assert.equal(client.connection.state, 'closed');
    // An iterator asked for after close ends at once; so does waiting for a snapshot.
    assert.deepEqual(await client[Symbol.asyncIterator]().next(), { value: undefined, done: true });
    const late = new CourtsideClient({ url: h.url, WebSocket });
    const waiting = late.whenSynced();
    await late.close();
    await assert.rejects(waiting, { code: 'ERR_CLIENT_CLOSED' });
    assert.throws(() => client.subscribe([GAME_A]), { code: 'ERR_CLIENT_CLOSED' });
  });

  it('resumes after dropped connections with no gap and no duplicate, in the handshake', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const { relay, url } = await viaRelay(t, h);
    const { client, seen } = open(t, url);
    await client.whenSynced();
    for (let drop = 0; drop < 5; drop += 1) {
      publishRange(h, 7);
      relay.dropConnections();
      // Published while the connection is going down: these reach the client only by the resume.
      publishRange(h, 5);
      await seen.until('connected again', () => seen.statuses.filter((s) => s.state === 'connected').length === drop + 2);
    }
    publishRange(h, 3);
    const last = h.broadcaster.seq;
    await seen.readThrough(last);
    assert.deepEqual(seqs(seen.gameMessages), Array.from({ length: last }, (_, i) => i + 1), 'every seq exactly once, in order');
    assert.equal(seen.ofType('snapshot').length, 1, 'resumed each time, never re-greeted');
    assert.equal(seen.statuses.filter((s) => s.state === 'reconnecting').length, 5, 'it did drop five times');
    const lastScore = seen.ofType('score_update').filter((m) => m.game_id === GAME_A).at(-1);
    assert.deepEqual(client.game(GAME_A)?.data, lastScore?.data);
  });

  it('replaces its state with a resumed: false snapshot when the gap is older than the server\'s history', T, async (t) => {
    const h = await startHarness(t, { historySize: 4 }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const { relay, url } = await viaRelay(t, h);
    const { client, seen } = open(t, url, { backoff: { baseMs: 300, capMs: 300, minMs: 300 } });
    await client.whenSynced();
    publishRange(h, 3);
    await seen.readThrough(3);
    relay.dropConnections();
    await seen.until('reconnecting', () => client.connection.state === 'reconnecting');
    // Meanwhile the server lost its memory of the gap (a new game appeared, A was dropped).
    (h as { games: unknown }).games = [gameSnapshot(GAME_B, 50, 49), gameSnapshot(GAME_C, 1, 0)];
    publishRange(h, 10);
    const syncs: number[] = [];
    client.on('sync', (games) => syncs.push(games.size));
    await seen.until('the fresh snapshot', () => seen.ofType('snapshot').some((s) => s.resumed === false), 5_000);
    assert.deepEqual([...client.games.keys()].sort(), [GAME_B, GAME_C]);
    assert.equal(client.game(GAME_B)?.data.home_score, 50);
    assert.deepEqual(client.position, { epoch: h.broadcaster.epoch, seq: 13 });
    assert.deepEqual(syncs, [2]);
    assert.deepEqual(seqs(seen.gameMessages), [1, 2, 3], 'nothing of the lost gap was invented');
  });

  it('asks for a fresh snapshot, not a resume, when the subscription changed while disconnected', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const { relay, url } = await viaRelay(t, h);
    const { client, seen } = open(t, url, { games: [GAME_A], backoff: { baseMs: 200, capMs: 200, minMs: 200 } });
    await client.whenSynced();
    relay.dropConnections();
    await seen.until('reconnecting', () => client.connection.state === 'reconnecting');
    client.subscribe([GAME_B]);
    await seen.until('the snapshot of B', () => seen.ofType('snapshot').length === 2);
    assert.deepEqual([...client.games.keys()], [GAME_B]);
    assert.equal(seen.ofType('snapshot')[1]?.resumed, undefined, 'a greeting, not an answer to a resume');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { BroadcastError } from './errors.ts';
import { GAME_A, GAME_B, GAME_C, gameSnapshot, halftimeResult, mlPrediction, patternProgress, scoreUpdate } from './testing/fixtures.ts';
import { startHarness } from './testing/harness.ts';

const T = { timeout: 10_000 };

describe('Broadcaster stream', () => {
  it('greets each client with a snapshot of every tracked game, the epoch and the current seq', T, async (t) => {
    const h = await startHarness(t, { epoch: 'night-2017-10-17' }, [gameSnapshot(GAME_A, 3, 2), gameSnapshot(GAME_B)]);
    const first = await h.connect();
    const greeting = await first.next();
    assert.equal(greeting.type, 'snapshot');
    assert.equal(greeting.type === 'snapshot' && greeting.epoch, 'night-2017-10-17');
    assert.equal(greeting.seq, 0);
    assert.deepEqual(greeting.type === 'snapshot' && greeting.games, h.games);
    assert.equal(greeting.type === 'snapshot' && greeting.resumed, undefined);

    h.broadcaster.publish(scoreUpdate(GAME_A, 5, 2));
    await first.readThrough(1);
    const late = await h.connect();
    const lateGreeting = await late.nextOf('snapshot');
    assert.equal(lateGreeting.seq, 1);
  });

  it('stamps one increasing seq across all message types and games, and returns it', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    const published: Array<Unsequenced<ServerMessage>> = [
      scoreUpdate(GAME_A, 2, 0),
      scoreUpdate(GAME_B, 0, 3),
      patternProgress(GAME_A, [2]),
      mlPrediction(GAME_A),
      halftimeResult(GAME_A, 11),
    ];
    const seqs = published.map((message) => h.broadcaster.publish(message));
    assert.deepEqual(seqs, [1, 2, 3, 4, 5]);
    const received = await client.readThrough(5);
    assert.deepEqual(received.map((m) => [m.type, m.seq]), [
      ['score_update', 1],
      ['score_update', 2],
      ['pattern_progress', 3],
      ['ml_prediction', 4],
      ['halftime_result', 5],
    ]);
    // Everything but the stamped seq arrives as published.
    received.forEach((message, i) => assert.deepEqual({ ...message, seq: undefined }, { ...published[i], seq: undefined }));
    assert.equal(h.broadcaster.seq, 5);
  });

  it('puts seq right after type on the wire', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    const raw = new Promise<string>((resolve) => client.ws.once('message', (data) => resolve(String(data))));
    h.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    assert.match(await raw, /^\{"type":"score_update","seq":1,"timestamp":/);
  });

  it('sends every client the same messages in the same order', T, async (t) => {
    const h = await startHarness(t);
    const clients = await Promise.all([h.connect(), h.connect(), h.connect()]);
    await Promise.all(clients.map((c) => c.nextOf('snapshot')));
    for (let i = 1; i <= 20; i += 1) h.broadcaster.publish(scoreUpdate(i % 2 ? GAME_A : GAME_B, i, 0));
    const streams = await Promise.all(clients.map((c) => c.readThrough(20)));
    for (const stream of streams) assert.deepEqual(stream, streams[0]);
    assert.equal(streams[0]?.length, 20);
    const stats = h.broadcaster.stats();
    assert.equal(stats.published, 20);
    assert.equal(stats.sent, 3 * 21);
    assert.equal(stats.clients, 3);
  });

  it('subscribe narrows the stream to the chosen games and replies with their snapshot', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B), gameSnapshot(GAME_C)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'subscribe', game_ids: [GAME_A, GAME_C] });
    const reply = await client.nextOf('snapshot');
    assert.deepEqual(reply.games.map((g) => g.game_id), [GAME_A, GAME_C]);

    h.broadcaster.publish(scoreUpdate(GAME_B, 1, 0));
    h.broadcaster.publish(scoreUpdate(GAME_A, 2, 0));
    h.broadcaster.publish(patternProgress(GAME_B, [1]));
    h.broadcaster.publish(scoreUpdate(GAME_C, 0, 2));
    const received = await client.readThrough(4);
    assert.deepEqual(received.map((m) => [m.seq, 'game_id' in m ? m.game_id : '']), [
      [2, GAME_A],
      [4, GAME_C],
    ]);
  });

  it('"*" and an empty list both restore every game', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    for (const all of ['*', []] as const) {
      client.send({ type: 'subscribe', game_ids: [GAME_A] });
      await client.nextOf('snapshot');
      client.send({ type: 'subscribe', game_ids: all });
      const reply = await client.nextOf('snapshot');
      assert.equal(reply.games.length, 2);
      const seq = h.broadcaster.publish(scoreUpdate(GAME_B, 1, 1));
      const [message] = await client.readThrough(seq);
      assert.equal(message?.seq, seq);
    }
  });

  it('subscribes through the connection URL, so even the greeting is filtered', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const client = await h.connect(`?game_ids=${GAME_B}`);
    const greeting = await client.nextOf('snapshot');
    assert.deepEqual(greeting.games.map((g) => g.game_id), [GAME_B]);
    h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0));
    h.broadcaster.publish(scoreUpdate(GAME_B, 1, 0));
    assert.deepEqual((await client.readThrough(2)).map((m) => m.seq), [2]);
  });

  it('warns about games it does not track, and keeps them in the filter for later', T, async (t) => {
    const h = await startHarness(t, {}, [gameSnapshot(GAME_A)]);
    const client = await h.connect();
    await client.nextOf('snapshot');
    client.send({ type: 'subscribe', game_ids: [GAME_A, GAME_C] });
    const warning = await client.next();
    assert.equal(warning.type, 'error');
    assert.equal(warning.type === 'error' && warning.code, 'unknown_game');
    assert.equal(warning.type === 'error' && warning.message, `not tracked (yet), subscribed anyway: ${GAME_C}`);
    assert.deepEqual((await client.nextOf('snapshot')).games.map((g) => g.game_id), [GAME_A]);
    h.broadcaster.publish(scoreUpdate(GAME_C, 1, 0));
    assert.equal((await client.readThrough(1)).length, 1);
  });

  it('refuses to publish snapshots and errors, which are per client', T, async (t) => {
    const h = await startHarness(t);
    const snapshot = { type: 'snapshot', timestamp: '2017-10-18T00:00:00Z', epoch: 'e', games: [] } as Unsequenced<ServerMessage>;
    assert.throws(
      () => h.broadcaster.publish(snapshot),
      (error: unknown) => error instanceof BroadcastError && error.code === 'not_publishable' && /cannot publish a snapshot message/.test(error.message),
    );
    assert.equal(h.broadcaster.seq, 0);
  });

  it('with validateOutgoing, throws on a message the contract rejects and does not use up a seq', T, async (t) => {
    const h = await startHarness(t);
    const client = await h.connect();
    await client.nextOf('snapshot');
    const bad = scoreUpdate(GAME_A, 1, 0);
    bad.data.clock = '6:30';
    assert.throws(
      () => h.broadcaster.publish(bad),
      (error: unknown) =>
        error instanceof BroadcastError && error.code === 'outgoing_message' && error.message.startsWith('outgoing score_update message violates the protocol: data.clock'),
    );
    assert.equal(h.broadcaster.publish(scoreUpdate(GAME_A, 1, 0)), 1);
    assert.equal((await client.readThrough(1)).length, 1);
  });

  it('with validateOutgoing, closes the client (1011) rather than greet it with a snapshot the contract rejects', T, async (t) => {
    const h = await startHarness(t, {}, [{ ...gameSnapshot(GAME_A), pattern: [1.5] }]);
    const client = await h.connect();
    assert.deepEqual(await client.closed, { code: 1011, reason: 'snapshot unavailable' });
    assert.equal(client.messages.length, 0);
    const logged = h.logs.find((line) => line.level === 'error');
    assert.equal(logged?.fields.code, 'outgoing_message');
    assert.match(String(logged?.fields.err), /^outgoing snapshot message violates the protocol: games\.0\.pattern\.0: /);
  });

  it('closes a client with 1011 when the snapshot provider throws, and stays up for others', T, async (t) => {
    let broken = true;
    const h = await startHarness(t, {
      snapshot: () => {
        if (broken) throw new Error('tracker state unavailable');
        return [];
      },
    });
    const victim = await h.connect();
    assert.deepEqual(await victim.closed, { code: 1011, reason: 'snapshot unavailable' });
    assert.ok(h.logs.some((line) => line.level === 'error' && line.fields.err === 'tracker state unavailable'));
    broken = false;
    const next = await h.connect();
    assert.equal((await next.next()).type, 'snapshot');
  });
});

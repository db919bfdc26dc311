import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import type { ServerMessage } from '../protocol/messages.ts';
import { CloseCode } from './errors.ts';
import type { SequencedMessage } from './source.ts';
import { startCore, type FakeClient } from './testing/core-harness.ts';
import { GAME_A, GAME_B, GAME_C, feedStatus, gameSnapshot, scoreUpdate } from './testing/fixtures.ts';
import { until } from './testing/recording.ts';

const T = { timeout: 10_000 };
const seqsOf = (messages: readonly ServerMessage[]) => messages.map((m) => m.seq);
const typesOf = (messages: readonly ServerMessage[]) => messages.map((m) => m.type);
const gamesOf = (message: ServerMessage | undefined) => (message?.type === 'snapshot' ? message.games.map((g) => g.game_id) : undefined);

function scoreOf(gameId: string, seq: number): SequencedMessage {
  return { seq, type: 'score_update', gameId, json: JSON.stringify({ ...scoreUpdate(gameId, seq, 0), seq }) };
}

/** An edge's hold: the games it holds are answered at once; any other asks for a load the test settles. */
class FakeEdge {
  readonly held = new Set<string>([GAME_A]);
  readonly loads: Array<{ games: ReadonlySet<string> | undefined; resolve: () => void; reject: (error: Error) => void }> = [];

  readonly hold = (games: ReadonlySet<string> | undefined): Promise<void> | undefined => {
    if (games && [...games].every((game) => this.held.has(game))) return undefined;
    return new Promise<void>((resolve, reject) => {
      this.loads.push({
        games,
        resolve: () => {
          for (const game of games ?? []) this.held.add(game);
          resolve();
        },
        reject,
      });
    });
  };

  /** The oldest pending load. */
  load(): FakeEdge['loads'][number] {
    const load = this.loads.shift();
    assert.ok(load, 'no load pending');
    return load;
  }
}

async function closeCode(client: FakeClient): Promise<number | undefined> {
  await client.closed;
  return client.socket.closeRequested?.code;
}

describe('StreamCore with a hold (an edge readies a client’s games first)', () => {
  it('greets at once when the games are held, and a client of other games only once they are, sending it nothing live before', T, async (t) => {
    const edge = new FakeEdge();
    const h = startCore(t, { epoch: 'stream-1', hold: edge.hold }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const a = h.connect(`?game_ids=${GAME_A}`);
    assert.deepEqual(typesOf(a.messages), ['snapshot'], 'greeted in the same turn');
    const b = h.connect(`?game_ids=${GAME_B}`);
    assert.deepEqual([...(edge.loads[0]?.games ?? [])], [GAME_B]);
    assert.deepEqual(h.core.wantedGames(), new Set([GAME_A, GAME_B]), 'the waiting client counts with the games it asked for');
    assert.equal(h.core.clientCount, 2);
    h.publisher.publish(scoreUpdate(GAME_B, 1, 0));
    h.publisher.publish(feedStatus('failing'));
    await turn();
    assert.deepEqual(b.messages, [], 'nothing before its greeting, not even a message for everyone');

    edge.load().resolve();
    const greeting = await b.next();
    assert.deepEqual([greeting.type, greeting.seq, gamesOf(greeting)], ['snapshot', 2, [GAME_B]]);
    assert.equal(greeting.type === 'snapshot' && greeting.feed_status?.state, 'failing');
    h.publisher.publish(scoreUpdate(GAME_B, 3, 0));
    assert.deepEqual(seqsOf(await b.readThrough(3)), [3]);
    assert.deepEqual(seqsOf(a.messages), [0, 2], 'the other client was never held back');
  });

  it('keeps a subscriber on its old games until the new ones are held, then handles what it sent meanwhile, in order', T, async (t) => {
    const edge = new FakeEdge();
    const h = startCore(t, { epoch: 'stream-1', hold: edge.hold }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const client = h.connect(`?game_ids=${GAME_A}`);
    await client.nextOf('snapshot');
    client.send({ type: 'subscribe', game_ids: [GAME_B] });
    await until(() => edge.loads.length === 1);
    client.send('{not json');
    client.send({ type: 'subscribe', game_ids: [GAME_A] });
    await turn();
    await turn();
    h.publisher.publish(scoreUpdate(GAME_A, 1, 0));
    h.publisher.publish(scoreUpdate(GAME_B, 2, 0));
    assert.deepEqual(seqsOf(await client.readThrough(1)), [1]);
    await turn();
    assert.deepEqual(seqsOf(client.messages), [0, 1], 'still on its old game, no reply yet');
    assert.deepEqual(h.core.wantedGames(), new Set([GAME_A, GAME_B]));

    edge.load().resolve();
    const [snapshotB, error, snapshotA] = [await client.next(), await client.next(), await client.next()];
    assert.deepEqual(gamesOf(snapshotB), [GAME_B]);
    assert.equal(error.type === 'error' && error.code, 'invalid_json');
    assert.deepEqual(gamesOf(snapshotA), [GAME_A]);
    assert.equal(edge.loads.length, 0, 'A was held: the second subscribe waited on nothing');
    h.publisher.publish(scoreUpdate(GAME_B, 3, 0));
    h.publisher.publish(scoreUpdate(GAME_A, 4, 0));
    assert.deepEqual(seqsOf(await client.readThrough(4)), [4]);
  });

  it('replays a resume on connect once the hold has filled the game’s past messages in', T, async (t) => {
    const edge = new FakeEdge();
    const h = startCore(t, { epoch: 'stream-1', hold: edge.hold }, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)], { seq: 10, archive: undefined });
    h.core.deliver(scoreOf(GAME_A, 11));
    h.core.skipTo(13);
    const b = h.connect(`?game_ids=${GAME_B}&epoch=stream-1&last_seq=10`);
    h.core.deliver(scoreOf(GAME_A, 14));
    await turn();
    assert.equal(b.messages.length, 0);
    h.core.fill(scoreOf(GAME_B, 12));
    h.core.fill(scoreOf(GAME_B, 13));
    edge.load().resolve();
    assert.deepEqual(seqsOf(await b.readThrough(13)), [12, 13]);
    await until(() => h.core.stats().replaying === 0);
    h.core.deliver(scoreOf(GAME_B, 15));
    assert.deepEqual(seqsOf(await b.readThrough(15)), [15]);
    assert.equal(b.messages.filter((m) => m.type === 'snapshot').length, 0);
  });

  it('closes a client whose hold is rejected with 1011, counts its limits while it waits, and forgets one that left', T, async (t) => {
    const edge = new FakeEdge();
    const h = startCore(t, { hold: edge.hold, maxSubscribesPerSecond: 1 }, [gameSnapshot(GAME_A)]);
    const refused = h.connect(`?game_ids=${GAME_B}`);
    edge.load().reject(new Error('stream unavailable'));
    assert.equal(await closeCode(refused), CloseCode.INTERNAL_ERROR);
    assert.deepEqual(refused.messages, []);
    assert.equal(h.core.stats().closes.snapshot_unavailable, 1);
    assert.ok(h.logs.some((line) => line.level === 'error' && line.fields.err === 'stream unavailable'));

    const eager = h.connect(`?game_ids=${GAME_B}`);
    eager.send({ type: 'subscribe', game_ids: [GAME_A] });
    eager.send({ type: 'subscribe', game_ids: [GAME_A] });
    assert.equal(await closeCode(eager), CloseCode.RATE_LIMITED);

    const gone = h.connect(`?game_ids=${GAME_C}`);
    gone.socket.hangUp();
    await until(() => h.core.clientCount === 0);
    assert.deepEqual(h.core.wantedGames(), new Set());
    for (const load of edge.loads.splice(0)) load.resolve();
    await turn();
    assert.deepEqual([eager.messages, gone.messages], [[], []]);
  });

  it('without a hold, greets and answers a subscribe as before, in the turn they arrive', T, async (t) => {
    const h = startCore(t, {}, [gameSnapshot(GAME_A), gameSnapshot(GAME_B)]);
    const client = h.connect(`?game_ids=${GAME_A}`);
    assert.deepEqual(typesOf(client.messages), ['snapshot']);
    client.send({ type: 'subscribe', game_ids: [GAME_B] });
    await turn();
    assert.deepEqual(client.messages.map(gamesOf), [[GAME_A], [GAME_B]]);
  });
});

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { FencedPublisher } from '../cluster/fenced-publisher.ts';
import { scoreUpdate, useNats } from '../cluster/testing/fixtures.ts';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../domain/logger.ts';
import { Collector } from '../../test/support/ws-collector.ts';
import { startEdge, type RunningEdge } from './edge.ts';

describe('an edge (a real nats-server)', () => {
  const ctx = useNats('edge-test');
  const edge = async (t: TestContext, lingerMs?: number): Promise<RunningEdge> => {
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false }, {});
    const e = await startEdge(config, { logger: silentLogger, lingerMs });
    // Closed by the test, before the suite's NATS server stops.
    t.after(() => e.close());
    return e;
  };

  it('snapshots the night so far, then sends each stream message as it is, numbered by the stream; resumes on another edge', async (t) => {
    const sink = new FencedPublisher(ctx.side.js, 0);
    sink.publish(scoreUpdate('0021700017', 2));
    sink.publish(scoreUpdate('0021700018', 3));
    await sink.settled();
    const first = await edge(t);
    const a = new Collector(first.wsUrl);
    await a.until((ms) => ms.length >= 1);
    const snapshot = a.ofType('snapshot')[0];
    assert.equal(snapshot?.seq, 2);
    assert.match(snapshot?.epoch ?? '', /^nats-/);
    assert.deepEqual(snapshot?.games.map((g) => [g.game_id, g.data.home_score]), [['0021700017', 2], ['0021700018', 3]]);

    const raw: string[] = [];
    a.socket.on('message', (data) => raw.push(String(data)));
    sink.publish(scoreUpdate('0021700017', 4));
    sink.publish(scoreUpdate('0021700018', 5));
    await sink.settled();
    await a.until((ms) => ms.length >= 3);
    const stored = await ctx.side.jsm.streams.getMessage('COURTSIDE', { seq: 4 });
    assert.equal(raw.at(-1), stored?.string(), 'the stream\'s bytes, as they are');
    assert.deepEqual(a.messages.slice(1).map((m) => m.seq), [3, 4]);

    // A second edge, started later, resumes a client from seq 2 with exactly 3 and 4.
    const second = await edge(t);
    const b = new Collector(`${second.wsUrl}?epoch=${encodeURIComponent(snapshot?.epoch ?? '')}&last_seq=2`);
    await b.until((ms) => ms.length >= 2);
    assert.deepEqual(b.messages.map((m) => [m.type, m.seq]), [['score_update', 3], ['score_update', 4]]);
    assert.equal(second.follower.position, 4);
    const health = (await (await fetch(`${second.url}health`)).json()) as { status: string; seq: number; role: string };
    assert.deepEqual([health.status, health.seq, health.role], ['ok', 4, 'edge']);
    a.close();
    b.close();
  });

  it('stops at a message that is not what its seq says, says so on /health, and keeps its clients', async (t) => {
    const e = await edge(t);
    const client = new Collector(e.wsUrl);
    await client.until((ms) => ms.length >= 1);
    const head = e.follower.position;
    await ctx.side.js.publish('courtside.0021700017.score_update', JSON.stringify({ type: 'score_update', seq: 999, game_id: '0021700017' }));
    for (let i = 0; i < 100 && e.follower.stalled === undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(e.follower.stalled ?? '', new RegExp(`message ${head + 1} says it is seq 999`));
    assert.equal(e.follower.position, head);
    const health = await fetch(`${e.url}health`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { stalled: string }).stalled, e.follower.stalled);
    assert.equal(client.socket.readyState, client.socket.OPEN);
    client.close();
  });
});

describe('an edge whose clients follow some games (a real nats-server)', () => {
  const ctx = useNats('edge-some-test');
  const G17 = '0021700017';
  const G18 = '0021700018';
  const health = async (e: RunningEdge): Promise<{ seq: number; following: 'all' | string[]; received: number; games: number }> => (await (await fetch(`${e.url}health`)).json()) as never;
  const until = async (what: string, done: () => Promise<boolean> | boolean): Promise<void> => {
    for (let i = 0; i < 250; i += 1) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`timed out waiting until ${what}`);
  };

  it('takes from the stream only the games its clients follow, in seq order, and each game whole; lets one go after its last client', async (t) => {
    const sink = new FencedPublisher(ctx.side.js, 0);
    sink.publish(scoreUpdate(G17, 2)); // 1
    sink.publish(scoreUpdate(G18, 3)); // 2
    sink.publish(scoreUpdate(G17, 4)); // 3
    await sink.settled();
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false }, {});
    const e = await startEdge(config, { logger: silentLogger, lingerMs: 200 });
    t.after(() => e.close());
    assert.deepEqual((await health(e)).following, [], 'no client, no game');

    const a = new Collector(`${e.wsUrl}?game_ids=${G17}`);
    await a.until((ms) => ms.length >= 1);
    assert.deepEqual(a.messages.map((m) => m.type === 'snapshot' && [m.seq, m.games.map((g) => [g.game_id, g.data.home_score])]), [[3, [[G17, 4]]]]);
    assert.deepEqual((await health(e)).following, [G17]);
    assert.equal((await health(e)).received, 2, 'only game 17\'s two messages came from the stream');

    sink.publish(scoreUpdate(G18, 5)); // 4
    sink.publish(scoreUpdate(G17, 6)); // 5
    await sink.settled();
    await a.until((ms) => ms.length >= 2);
    assert.deepEqual(a.messages.slice(1).map((m) => m.seq), [5]);

    // A client of game 18: the edge takes it on, history first, and answers with its state now.
    const b = new Collector(`${e.wsUrl}?game_ids=${G18}`);
    await b.until((ms) => ms.length >= 1);
    const bSnapshot = b.ofType('snapshot')[0];
    assert.deepEqual([bSnapshot?.seq, bSnapshot?.games.map((g) => [g.game_id, g.data.home_score])], [5, [[G18, 5]]]);
    assert.deepEqual((await health(e)).following, [G17, G18]);
    sink.publish(scoreUpdate(G18, 7)); // 6
    sink.publish(scoreUpdate(G17, 8)); // 7
    await sink.settled();
    await b.until((ms) => ms.length >= 2);
    await a.until((ms) => ms.length >= 3);
    assert.deepEqual(b.messages.slice(1).map((m) => m.seq), [6]);
    assert.deepEqual(a.messages.slice(1).map((m) => m.seq), [5, 7]);

    // Game 18's history came in after the edge had passed it: a resume from seq 1 gets it exactly.
    const c = new Collector(`${e.wsUrl}?game_ids=${G18}&epoch=${encodeURIComponent(bSnapshot?.epoch ?? '')}&last_seq=1`);
    await c.until((ms) => ms.length >= 3);
    assert.deepEqual(c.messages.map((m) => [m.type, m.seq]), [['score_update', 2], ['score_update', 4], ['score_update', 6]]);

    // Game 18's clients leave: after the linger the edge lets it go, and takes only game 17 on.
    b.close();
    c.close();
    await until('game 18 is let go', async () => (await health(e)).following.length === 1);
    const before = (await health(e)).received;
    sink.publish(scoreUpdate(G18, 9)); // 8
    sink.publish(scoreUpdate(G17, 10)); // 9
    await sink.settled();
    await a.until((ms) => ms.length >= 4);
    assert.deepEqual(a.messages.slice(1).map((m) => m.seq), [5, 7, 9]);
    assert.equal((await health(e)).received, before + 1);
    assert.equal((await health(e)).games, 1);

    // `/api/games/:id` follows that game as a client would; `/api/games` every game.
    const one = (await (await fetch(`${e.url}api/games/${G18}`)).json()) as { data: { home_score: number } };
    assert.equal(one.data.home_score, 9);
    const all = (await (await fetch(`${e.url}api/games`)).json()) as { games: Array<{ game_id: string; data: { home_score: number } }> };
    assert.deepEqual(all.games.map((g) => [g.game_id, g.data.home_score]), [[G17, 10], [G18, 9]]);
    assert.equal((await health(e)).following, 'all');
    a.close();
    await until('every game is let go once no client is left', async () => {
      const { following, games } = await health(e);
      return Array.isArray(following) && following.length === 0 && games === 0;
    });
  });
  it('resumes a client of one game on an edge that never followed it, and takes a game on for a subscribe', async (t) => {
    const sink = new FencedPublisher(ctx.side.js, (await ctx.side.jsm.streams.info('COURTSIDE')).state.last_seq);
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false }, {});
    const first = await startEdge(config, { logger: silentLogger });
    t.after(() => first.close());
    const second = await startEdge(config, { logger: silentLogger });
    t.after(() => second.close());
    const a = new Collector(`${first.wsUrl}?game_ids=${G17}`);
    await a.until((ms) => ms.length >= 1);
    const greeting = a.ofType('snapshot')[0];
    const from = greeting?.seq ?? 0;
    sink.publish(scoreUpdate(G17, 20));
    sink.publish(scoreUpdate(G18, 21));
    sink.publish(scoreUpdate(G17, 22));
    await sink.settled();
    await a.until((ms) => ms.length >= 3);
    assert.deepEqual(a.messages.slice(1).map((m) => m.seq), [from + 1, from + 3]);
    assert.deepEqual((await health(second)).following, [], 'the second edge has had no client');

    // Its edge gone, the client resumes on the second one from the first message it got.
    a.close();
    const b = new Collector(`${second.wsUrl}?game_ids=${G17}&epoch=${encodeURIComponent(greeting?.epoch ?? '')}&last_seq=${from + 1}`);
    await b.until((ms) => ms.length >= 1);
    assert.deepEqual(b.messages.map((m) => [m.type, m.seq]), [['score_update', from + 3]]);
    assert.deepEqual((await health(second)).following, [G17]);

    // A subscribe to a game the edge does not follow is answered once it holds it, with its state now.
    b.socket.send(JSON.stringify({ type: 'subscribe', game_ids: [G17, G18] }));
    await b.until((ms) => ms.length >= 2);
    const snapshot = b.ofType('snapshot')[0];
    assert.deepEqual([snapshot?.seq, snapshot?.games.map((g) => [g.game_id, g.data.home_score])], [from + 3, [[G17, 22], [G18, 21]]]);
    sink.publish(scoreUpdate(G18, 23));
    await sink.settled();
    await b.until((ms) => ms.length >= 3);
    assert.deepEqual(b.messages.at(-1)?.seq, from + 4);
    b.close();
  });
  it('takes games on for /api only for a request it answers: not for one without the token', async (t) => {
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false, apiToken: 'secret' }, {});
    const e = await startEdge(config, { logger: silentLogger });
    t.after(() => e.close());
    assert.equal((await fetch(`${e.url}api/games`)).status, 401);
    assert.equal((await fetch(`${e.url}api/games/${G17}`, { method: 'POST' })).status, 401);
    assert.deepEqual((await health(e)).following, []);
    const answer = await fetch(`${e.url}api/games/${G17}`, { headers: { authorization: 'Bearer secret' } });
    assert.equal(answer.status, 200);
    assert.deepEqual((await health(e)).following, [G17]);
  });
  it('keeps following a game its client waits for when it goes from every game back to some', async (t) => {
    const sink = new FencedPublisher(ctx.side.js, (await ctx.side.jsm.streams.info('COURTSIDE')).state.last_seq);
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false }, {});
    const e = await startEdge(config, { logger: silentLogger, lingerMs: 1_000 });
    t.after(() => e.close());
    const later = '0021700099';
    // Someone asks for every game; meanwhile a client comes for a game the stream has nothing of yet.
    assert.equal((await fetch(`${e.url}api/games`)).status, 200);
    const waiting = new Collector(`${e.wsUrl}?game_ids=${later}`);
    await waiting.until((ms) => ms.some((m) => m.type === 'snapshot'));
    assert.equal((await health(e)).following, 'all');
    // Once the one who asked for every game has gone, the edge follows its clients' games again.
    await until('the edge follows some games again', async () => Array.isArray((await health(e)).following));
    assert.deepEqual((await health(e)).following, [later]);
    sink.publish(scoreUpdate(later, 1));
    await sink.settled();
    await waiting.until((ms) => ms.some((m) => m.type === 'score_update'));
    waiting.close();
  });
});

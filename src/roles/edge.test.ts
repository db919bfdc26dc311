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
  const edge = async (t: TestContext): Promise<RunningEdge> => {
    const config = loadConfig({ role: 'edge', nats: ctx.nats.servers, port: 0, host: '127.0.0.1', dashboard: false }, {});
    const e = await startEdge(config, { logger: silentLogger });
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
    assert.equal(second.stream.seq, 4);
    const health = (await (await fetch(`${second.url}health`)).json()) as { status: string; seq: number; role: string };
    assert.deepEqual([health.status, health.seq, health.role], ['ok', 4, 'edge']);
    a.close();
    b.close();
  });

  it('stops at a message that is not what its seq says, says so on /health, and keeps its clients', async (t) => {
    const e = await edge(t);
    const head = e.stream.seq;
    await ctx.side.js.publish('courtside.0021700017.score_update', JSON.stringify({ type: 'score_update', seq: 999, game_id: '0021700017' }));
    const client = new Collector(e.wsUrl);
    await client.opened;
    for (let i = 0; i < 100 && e.stream.stalled === undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(e.stream.stalled ?? '', new RegExp(`message ${head + 1} says it is seq 999`));
    assert.equal(e.stream.seq, head);
    const health = await fetch(`${e.url}health`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { stalled: string }).stalled, e.stream.stalled);
    assert.equal(client.socket.readyState, client.socket.OPEN);
    client.close();
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import type { ServerMessage } from '../protocol/messages.ts';
import { StreamServer, type StreamServerOptions, type StreamStart } from './stream-server.ts';
import { GAME_A, GAME_B, gameSnapshot } from './testing/fixtures.ts';
import { TestClient } from './testing/harness.ts';
import { StreamArchive } from './testing/stream-archive.ts';

const T = { timeout: 10_000 };
const seqsOf = (messages: readonly ServerMessage[]) => messages.map((m) => m.seq);

/** A StreamServer on a real HTTP server (port 0), and its clients, all closed after the test. */
async function serve(t: TestContext, options: Omit<StreamServerOptions, 'server'>, start: StreamStart) {
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const edge = new StreamServer({ server, ...options }, start);
  const clients: TestClient[] = [];
  t.after(async () => {
    for (const client of clients) client.ws.terminate();
    await edge.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const connect = async (query = '') => {
    const client = await TestClient.connect(`${url}${query}`);
    clients.push(client);
    return client;
  };
  return { edge, connect };
}

describe('StreamServer fed by another source (an edge), on real sockets', () => {
  it('streams the source’s seqs as they are and resumes a client from the source’s archive beyond memory', T, async (t) => {
    const stream = new StreamArchive('stream-1');
    const { edge, connect } = await serve(t, { snapshot: () => [gameSnapshot(GAME_A)], validateOutgoing: true, historySize: 2, resumePageSize: 2 }, { epoch: 'stream-1', seq: 5000, archive: stream });

    const live = await connect();
    const greeting = await live.nextOf('snapshot');
    assert.deepEqual([greeting.epoch, greeting.seq], ['stream-1', 5000]);
    for (let seq = 5001; seq <= 5006; seq += 1) edge.target.deliver(stream.add(seq));
    assert.deepEqual(seqsOf(await live.readThrough(5006)), [5001, 5002, 5003, 5004, 5005, 5006]);

    const back = await connect('?epoch=stream-1&last_seq=5001');
    assert.deepEqual(seqsOf(await back.readThrough(5006)), [5002, 5003, 5004, 5005, 5006]);
    assert.ok(stream.reads >= 2, `the gap beyond memory came from the archive a page at a time (${stream.reads} reads)`);
    edge.target.deliver(stream.add(5007));
    const [liveNext, backNext] = await Promise.all([live.next(), back.next()]);
    assert.deepEqual(backNext, liveNext);
    assert.equal(liveNext.seq, 5007);
    assert.equal(back.messages.filter((m) => m.type === 'snapshot').length, 0);
    const stats = edge.stats();
    assert.deepEqual([stats.seq, stats.published, stats.clients, stats.epoch], [5007, 7, 2, 'stream-1']);
  });

  it('takes a hold through its options and exposes the sparse target: a client of a game not held is greeted once it is, gaps skipped', T, async (t) => {
    let loaded: (() => void) | undefined;
    const hold = (games: ReadonlySet<string> | undefined) => (games?.has(GAME_B) ? new Promise<void>((resolve) => (loaded = resolve)) : undefined);
    const { edge, connect } = await serve(t, { snapshot: () => [gameSnapshot(GAME_A), gameSnapshot(GAME_B)], validateOutgoing: true, hold }, { epoch: 'stream-1', seq: 0, archive: undefined });
    const a = await connect(`?game_ids=${GAME_A}`);
    const b = await connect(`?game_ids=${GAME_B}`);
    assert.equal((await a.nextOf('snapshot')).seq, 0);
    assert.deepEqual(edge.target.wantedGames(), new Set([GAME_A, GAME_B]));
    edge.target.skipTo(3);
    const stream = new StreamArchive('stream-1');
    for (let seq = 1; seq <= 4; seq += 1) stream.add(seq);
    const fourth = stream.messages[3];
    assert.ok(fourth);
    edge.target.deliver(fourth);
    assert.deepEqual(seqsOf(await a.readThrough(4)), [4]);
    assert.deepEqual(b.messages, []);
    loaded?.();
    const greeting = await b.next();
    assert.deepEqual([greeting.type, greeting.seq], ['snapshot', 4]);
  });
});

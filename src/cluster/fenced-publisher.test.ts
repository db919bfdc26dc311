import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerMessage, Unsequenced } from '../protocol/messages.ts';
import { connectNats, type NatsSide } from './connection.ts';
import { FencedPublisher, FenceError } from './fenced-publisher.ts';
import { readStream, streamHead } from './stream-reader.ts';
import { startNats, type NatsCluster } from './testing/nats-server.ts';

function score(gameId: string, home: number): Unsequenced<ServerMessage> {
  return {
    type: 'score_update', timestamp: '2017-10-20T23:10:00.000Z', game_id: gameId,
    data: { away_team: 'ATL', home_team: 'CHA', away_score: 0, home_score: home, differential: home, period: 1, clock: '10:00', status: 'In Progress', game_date: '2017-10-20', start_time: '2017-10-20T23:00:00Z' },
  };
}

describe('FencedPublisher (a real nats-server)', () => {
  let nats: NatsCluster;
  let side: NatsSide;
  before(async () => {
    nats = await startNats();
    side = await connectNats({ servers: [nats.servers], replicas: 1, name: 'fence-test' });
  });
  after(async () => {
    await side?.close();
    await nats?.close();
  });

  it('numbers messages by the stream sequence, per-game subjects, and refuses a publisher that fell behind', async () => {
    const leader = new FencedPublisher(side.js, 0);
    assert.equal(leader.publish(score('0021700017', 2)), 1);
    assert.equal(leader.publish(score('0021700018', 3)), 2);
    await leader.settled();
    // A former leader that last saw the stream at 1 wakes up and publishes: refused, and so is all it sends after.
    const stale = new FencedPublisher(side.js, 1);
    assert.equal(stale.publish(score('0021700017', 5)), 2);
    stale.publish(score('0021700017', 7));
    await assert.rejects(stale.settled(), (error: unknown) => error instanceof FenceError && error.code === 'publish_fenced' && error.seq === 2);
    assert.ok(stale.failed);
    // The leader goes on.
    assert.equal(leader.publish(score('0021700017', 4)), 3);
    await leader.settled();

    const head = await streamHead(side.jsm);
    assert.equal(head.lastSeq, 3);
    assert.match(head.epoch, /^nats-\d{4}-/);
    const seen: ServerMessage[] = [];
    await readStream(side.js, 1, head.lastSeq, (m) => seen.push(JSON.parse(m.json) as ServerMessage));
    assert.deepEqual(seen.map((m) => [m.seq, m.type === 'score_update' ? m.data.home_score : -1]), [[1, 2], [2, 3], [3, 4]], 'the stale publisher left no trace');
    const info = await side.jsm.streams.getMessage('COURTSIDE', { seq: 2 });
    assert.equal(info?.subject, 'courtside.0021700018.score_update');
  });

  it('publishes only per-game messages, and only game ids that are one subject token', () => {
    const sink = new FencedPublisher(side.js, 100);
    assert.throws(() => sink.publish({ type: 'snapshot' } as never), /only per-game messages/);
    assert.throws(() => sink.publish(score('00.21', 1)), /cannot be a NATS subject token/);
    assert.throws(() => new FencedPublisher(side.js, -1), /lastSeq must be an integer >= 0/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerMessage } from '../protocol/messages.ts';
import { FencedPublisher, FenceError } from './fenced-publisher.ts';
import { readStream, streamHead } from './stream-reader.ts';
import { scoreUpdate, useNats } from './testing/fixtures.ts';

describe('FencedPublisher (a real nats-server)', () => {
  const ctx = useNats('fence-test');

  it('numbers messages by the stream sequence, per-game subjects, and refuses a publisher that fell behind', async () => {
    const leader = new FencedPublisher(ctx.side.js, 0);
    assert.equal(leader.publish(scoreUpdate('0021700017', 2)), 1);
    assert.equal(leader.publish(scoreUpdate('0021700018', 3)), 2);
    await leader.settled();
    // A former leader that last saw the stream at 1 wakes up and publishes: refused, and so is all it sends after.
    const stale = new FencedPublisher(ctx.side.js, 1);
    assert.equal(stale.publish(scoreUpdate('0021700017', 5)), 2);
    stale.publish(scoreUpdate('0021700017', 7));
    await assert.rejects(stale.settled(), (error: unknown) => error instanceof FenceError && error.code === 'publish_fenced' && error.seq === 2);
    assert.ok(stale.failed);
    // The leader goes on.
    assert.equal(leader.publish(scoreUpdate('0021700017', 4)), 3);
    await leader.settled();

    const head = await streamHead(ctx.side.jsm);
    assert.equal(head.lastSeq, 3);
    assert.match(head.epoch, /^nats-\d{4}-/);
    const seen: ServerMessage[] = [];
    await readStream(ctx.side.js, 1, head.lastSeq, (m) => seen.push(JSON.parse(m.json) as ServerMessage));
    assert.deepEqual(seen.map((m) => [m.seq, m.type === 'score_update' ? m.data.home_score : -1]), [[1, 2], [2, 3], [3, 4]], 'the stale publisher left no trace');
    const info = await ctx.side.jsm.streams.getMessage('COURTSIDE', { seq: 2 });
    assert.equal(info?.subject, 'courtside.0021700018.score_update');
  });

  it('publishes only per-game messages, and only game ids that are one subject token', () => {
    const sink = new FencedPublisher(ctx.side.js, 100);
    assert.throws(() => sink.publish({ type: 'snapshot' } as never), /only per-game messages/);
    assert.throws(() => sink.publish(scoreUpdate('00.21', 1)), /cannot be a NATS subject token/);
    assert.throws(() => new FencedPublisher(ctx.side.js, -1), /lastSeq must be an integer >= 0/);
  });
});

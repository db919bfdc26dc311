import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ServerMessage } from '../protocol/messages.ts';
import { silentLogger } from '../domain/logger.ts';
import { connectNats, leaseBucket } from './connection.ts';
import { Lease } from './lease.ts';
import { Poller, type PollerRole } from './poller.ts';
import { readStream, streamHead } from './stream-reader.ts';
import { scoreUpdate, useNats } from './testing/fixtures.ts';

const TTL_MS = 300;

/** A poller whose "pipeline" publishes the next score of one game every 20 ms, from where the stream left it. */
async function contender(servers: string, name: string, roles: PollerRole[]) {
  const side = await connectNats({ servers: [servers], replicas: 1, name });
  const lease = new Lease(await leaseBucket(side, 1, TTL_MS), name);
  const pickedUp: number[] = [];
  const poller = new Poller({
    js: side.js, jsm: side.jsm, lease, ttlMs: TTL_MS, logger: silentLogger,
    onRole: (role) => roles.push(role),
    lead: (games, sink, refused) => {
      let home = games[0]?.tracker.score.homeScore ?? 0;
      pickedUp.push(home);
      const timer = setInterval(() => {
        home += 1;
        sink.publish(scoreUpdate('0021700017', home, new Date().toISOString()));
        sink.settled().catch(refused);
      }, 20);
      return { stop: async () => clearInterval(timer) };
    },
  });
  poller.start();
  return { side, poller, pickedUp };
}

describe('Poller (a real nats-server)', () => {
  const ctx = useNats('observer');

  it('one leads; when it stops, the standby takes over at once, picks up from the stream, and the stream stays whole', async () => {
    const rolesA: PollerRole[] = [];
    const rolesB: PollerRole[] = [];
    const a = await contender(ctx.nats.servers, 'a', rolesA);
    while (a.poller.role !== 'leader') await delay(10);
    const b = await contender(ctx.nats.servers, 'b', rolesB);
    await delay(TTL_MS * 2);
    assert.equal(b.poller.role, 'standby', 'b stands by while a renews');

    // a stops cleanly: it frees the lease for b at once.
    await a.poller.stop();
    const died = Date.now();
    const roleOf = (p: Poller): PollerRole => p.role;
    while (roleOf(b.poller) !== 'leader' && Date.now() - died < 5_000) await delay(5);
    const tookOver = Date.now() - died;
    assert.equal(b.poller.role, 'leader');
    await delay(200);
    await b.poller.stop();

    const head = await streamHead(ctx.side.jsm);
    const homes: number[] = [];
    await readStream(ctx.side.js, 1, head.lastSeq, (m) => {
      const message = JSON.parse(m.json) as ServerMessage;
      assert.equal(message.seq, m.seq, 'the body carries the stream sequence');
      if (message.type === 'score_update') homes.push(message.data.home_score);
    });
    assert.deepEqual(homes, Array.from({ length: homes.length }, (_, i) => i + 1), 'every score once, in order, across the takeover');
    // b went on from a's last score, as the stream told it (were it 0, the scores above would restart at 1).
    assert.equal(b.pickedUp.length, 1);
    assert.ok((b.pickedUp[0] ?? 0) > 0 && (b.pickedUp[0] ?? 0) < homes.length, `b picked up at ${b.pickedUp[0]} of ${homes.length}`);
    assert.ok(tookOver < TTL_MS + 200, `released at stop, so taken over in ${tookOver} ms`);
    assert.deepEqual(rolesB, ['taking_over', 'leader', 'stopped']);
    await a.side.close();
    await b.side.close();
  });

  it('takes over within the TTL (plus a standby tick) from a leader that stops renewing without releasing', async () => {
    const rolesA: PollerRole[] = [];
    const a = await contender(ctx.nats.servers, 'c', rolesA);
    while (a.poller.role !== 'leader') await delay(10);
    const b = await contender(ctx.nats.servers, 'd', []);
    // Cut a off from NATS: no renewals, no release, no publishes (as with kill -9).
    await a.side.nc.close();
    const cut = Date.now();
    while (b.poller.role !== 'leader' && Date.now() - cut < 5_000) await delay(5);
    const tookOver = Date.now() - cut;
    assert.equal(b.poller.role, 'leader');
    assert.ok(tookOver <= TTL_MS + TTL_MS / 6 + 150, `taken over ${tookOver} ms after the leader went silent (TTL ${TTL_MS} ms)`);
    await delay(100);
    await b.poller.stop();
    await a.poller.stop();
    const head = await streamHead(ctx.side.jsm);
    const seqs: number[] = [];
    await readStream(ctx.side.js, 1, head.lastSeq, (m) => seqs.push((JSON.parse(m.json) as ServerMessage).seq));
    assert.deepEqual(seqs, Array.from({ length: head.lastSeq }, (_, i) => i + 1));
    await b.side.close();
  });
});

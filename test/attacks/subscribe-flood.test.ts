/**
 * Issue 16, finding 5 (subscribes): four clients sending `subscribe` as fast as they could drew
 * 3,212 snapshots a second, and every other client's p99 went from 5 to 58-97 ms. Bar, with the
 * server's defaults (10 subscribes a second, bursts of one second's worth): each flooding client is
 * closed with 4029 after at most that burst, the closes are counted by cause, and a client that
 * only listens keeps getting every message. (The latency cost is what the limit takes away; the
 * benches measure latency, this test counts snapshots.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { CloseCode } from '../../src/broadcast/errors.ts';
import { gameSnapshot, scoreUpdate } from '../../src/broadcast/testing/fixtures.ts';
import { startHarness, type TestClient } from '../../src/broadcast/testing/harness.ts';

const SUBSCRIBES_PER_SECOND = 10;
/** A 15-game night, each snapshot some 8 kB. */
const GAMES = Array.from({ length: 15 }, (_, i) => gameSnapshot(`00217${String(i + 1).padStart(5, '0')}`, 50 + i, 48));
const SUBSCRIBE = JSON.stringify({ type: 'subscribe', game_ids: '*' });

/** Sends subscribes in batches until the server closes the client (or 10 s pass); returns how long it took. */
async function floodUntilClosed(client: TestClient): Promise<number> {
  let closed = false;
  void client.closed.then(() => (closed = true));
  const started = performance.now();
  while (!closed && performance.now() - started < 10_000) {
    for (let i = 0; i < 50 && client.ws.readyState === client.ws.OPEN; i += 1) client.ws.send(SUBSCRIBE);
    await delay(1);
  }
  return performance.now() - started;
}

describe('attack: a subscribe flood from four clients', { timeout: 60_000 }, () => {
  it('is rate limited: each flooder is closed with 4029 after at most a second\'s worth of snapshots', async (t) => {
    const h = await startHarness(t, {}, GAMES);
    const listener = await h.connect();
    const flooders = await Promise.all(Array.from({ length: 4 }, () => h.connect()));
    await Promise.all([listener, ...flooders].map((c) => c.nextOf('snapshot')));
    const seconds = await Promise.all(flooders.map(async (c) => (await floodUntilClosed(c)) / 1000));
    for (const [i, client] of flooders.entries()) {
      const closed = await Promise.race([client.closed, delay(1_000).then(() => undefined)]);
      assert.deepEqual(closed, { code: CloseCode.RATE_LIMITED, reason: `rate limited: more than ${SUBSCRIBES_PER_SECOND} subscribes per second` }, `flooder ${i + 1}`);
      const snapshots = client.messages.filter((m) => m.type === 'snapshot').length - 1;
      const allowed = SUBSCRIBES_PER_SECOND + Math.ceil(SUBSCRIBES_PER_SECOND * (seconds[i] ?? 0));
      t.diagnostic(`flooder ${i + 1}: ${snapshots} snapshots in ${(seconds[i] ?? 0).toFixed(2)} s before it was closed`);
      assert.ok(snapshots <= allowed, `flooder ${i + 1} drew ${snapshots} snapshots, more than ${allowed}`);
    }
    const stats = h.broadcaster.stats();
    assert.equal(stats.closes.rate_limited, 4);
    assert.equal(stats.rateLimited.subscribes, 4);
    assert.equal(stats.clients, 1);
    const seq = h.broadcaster.publish(scoreUpdate('0021700001', 60, 48));
    assert.deepEqual((await listener.readThrough(seq)).map((m) => m.seq), [seq]);
  });
});

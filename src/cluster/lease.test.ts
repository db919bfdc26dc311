import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { leaseBucket } from './connection.ts';
import { Lease } from './lease.ts';
import { useNats } from './testing/fixtures.ts';

const TTL_MS = 300;

describe('Lease (a real nats-server)', () => {
  const ctx = useNats('lease-test');

  it('goes to one holder; the other wins it only once the first stops renewing and it lapses', async () => {
    const kv = await leaseBucket(ctx.side, 1, TTL_MS);
    const a = new Lease(kv, 'a');
    const b = new Lease(kv, 'b');
    assert.equal(await a.tryAcquire(), true);
    assert.equal(await b.tryAcquire(), false, 'taken');
    // Renewed well within the TTL, for longer than a TTL: still a's.
    let stopped = 0;
    for (let i = 0; i < 4; i += 1) {
      await delay(TTL_MS / 3);
      assert.equal(await a.renew(), true);
      stopped = Date.now();
      assert.equal(await b.tryAcquire(), false);
    }
    assert.equal(await a.holder(), 'a');
    let won = false;
    while (!won && Date.now() - stopped < 5 * TTL_MS) won = await b.tryAcquire();
    const waited = Date.now() - stopped;
    assert.equal(won, true);
    assert.ok(waited >= TTL_MS * 0.8, `b won ${waited} ms after a's last renewal, before the TTL`);
    assert.equal(await a.renew(), false, 'a finds it lost');
    assert.equal(a.held, false);
    assert.equal(await b.holder(), 'b');
  });

  it('is freed at once by release, for the standby to take', async () => {
    const kv = await leaseBucket(ctx.side, 1, TTL_MS);
    const a = new Lease(kv, 'a2');
    const b = new Lease(kv, 'b2');
    while (!(await a.tryAcquire())) await delay(20);
    await a.release();
    assert.equal(await b.tryAcquire(), true);
    await b.release();
  });

  it('refuses an empty holder name', () => {
    assert.throws(() => new Lease({} as never, ''), /lease holder must be a non-empty name/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlushWaiters } from './flush-waiters.ts';

describe('FlushWaiters', () => {
  it('resolves at once when already flushed', async () => {
    await new FlushWaiters(() => true).wait();
  });

  it('resolves every waiter once the condition holds, on its own timer or on check()', async () => {
    let flushed = false;
    const waiters = new FlushWaiters(() => flushed);
    let resolved = 0;
    const both = Promise.all([waiters.wait(), waiters.wait()]).then(() => (resolved += 2));
    waiters.check();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, 0);
    flushed = true;
    await both;
    assert.equal(resolved, 2);

    flushed = false;
    const third = waiters.wait();
    flushed = true;
    waiters.check();
    await third;
  });
});

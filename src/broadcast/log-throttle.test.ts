import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { LogThrottle } from './log-throttle.ts';

describe('LogThrottle', () => {
  it('admits the first event of a key, then holds the rest back until the interval is over', (t) => {
    let now = 0;
    const summaries: Array<[string, number]> = [];
    const throttle = new LogThrottle(1_000, (key, n) => summaries.push([key, n]), () => now);
    t.after(() => throttle.flush());
    assert.equal(throttle.admit('server_full'), true);
    assert.equal(throttle.admit('server_full'), false);
    now = 999;
    assert.equal(throttle.admit('server_full'), false);
    assert.equal(throttle.admit('address_full'), true, 'each key has its own interval');
    assert.deepEqual(summaries, []);
  });

  it('summarizes what it held back when the interval ends, as that interval\'s line', async () => {
    const lines: Array<{ at: number; key: string; n?: number }> = [];
    const throttle = new LogThrottle(40, (key, n) => lines.push({ at: performance.now(), key, n }));
    const log = (key: string): void => {
      if (throttle.admit(key)) lines.push({ at: performance.now(), key });
    };
    for (let i = 0; i < 500; i += 1) log('server_full');
    await delay(60);
    assert.deepEqual(lines.map((l) => l.n), [undefined, 499]);
    // Right after a summary the key is still quiet: lines stay an interval apart.
    log('server_full');
    log('server_full');
    assert.equal(lines.length, 2);
    await delay(60);
    assert.deepEqual(lines.map((l) => l.n), [undefined, 499, 2]);
    for (let i = 1; i < lines.length; i += 1) {
      assert.ok((lines[i]?.at ?? 0) - (lines[i - 1]?.at ?? 0) >= 39, `line ${i} came ${(lines[i]?.at ?? 0) - (lines[i - 1]?.at ?? 0)} ms after the one before`);
    }
    // A quiet interval ends without a line, and the next event is logged at once.
    await delay(60);
    log('server_full');
    assert.equal(lines.length, 4);
    assert.equal(lines[3]?.n, undefined);
    throttle.flush();
  });

  it('flush summarizes what is held back at once and stops its timers', () => {
    let now = 0;
    const summaries: Array<[string, number]> = [];
    const throttle = new LogThrottle(1_000, (key, n) => summaries.push([key, n]), () => now);
    throttle.admit('a');
    throttle.admit('a');
    throttle.admit('a');
    throttle.admit('b');
    now = 10;
    throttle.flush();
    assert.deepEqual(summaries, [['a', 2]]);
    assert.equal(throttle.admit('a'), true, 'a fresh start after a flush');
    throttle.flush();
  });
});

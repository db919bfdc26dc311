import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { LogThrottle } from './log-throttle.ts';

/** A throttle on a clock the test sets, recording its lines (direct ones without `n`) with the time. */
function recorded(intervalMs: number): { lines: Array<{ at: number; n?: number }>; log(): void; set(now: number): void; throttle: LogThrottle } {
  let now = 0;
  const lines: Array<{ at: number; n?: number }> = [];
  // Decisions follow this clock; the real timers only say when to look at it again.
  const throttle = new LogThrottle(intervalMs, (_key, n) => lines.push({ at: now, n }), () => now);
  return {
    lines,
    throttle,
    log: () => void (throttle.admit('server_full') && lines.push({ at: now })),
    set: (at) => void (now = at),
  };
}

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

  it('summarizes what it held back once the interval is over, as that interval\'s line', async () => {
    const { lines, log, set, throttle } = recorded(20);
    const until = async (count: number): Promise<void> => {
      while (lines.length < count) await delay(5);
    };
    for (let i = 0; i < 500; i += 1) log();
    await delay(40);
    assert.deepEqual(lines, [{ at: 0 }], 'never before the interval is over on its clock');
    set(20);
    await until(2);
    assert.deepEqual(lines, [{ at: 0 }, { at: 20, n: 499 }]);
    // Right after a summary the key is still quiet: lines stay an interval apart.
    set(25);
    log();
    log();
    assert.equal(lines.length, 2);
    set(40);
    await until(3);
    assert.deepEqual(lines.at(-1), { at: 40, n: 2 });
    // A quiet interval ends without a line, and the next event is logged at once.
    set(100);
    await delay(40);
    log();
    assert.deepEqual(lines.slice(3), [{ at: 100 }]);
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

  it('ends a window whose timer is late at the next event, losing nothing it held back', async () => {
    const { lines, log, set, throttle } = recorded(50);
    log();
    set(10);
    log();
    // The loop was busy: the window ended at 50 and its timer has not run yet.
    set(60);
    log();
    assert.deepEqual(lines, [{ at: 0 }, { at: 60, n: 1 }]);
    set(110);
    while (lines.length < 3) await delay(5);
    assert.deepEqual(lines, [{ at: 0 }, { at: 60, n: 1 }, { at: 110, n: 1 }]);
    throttle.flush();
  });
});

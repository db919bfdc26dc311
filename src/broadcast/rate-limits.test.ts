import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InboundLimits, rateLimitReason } from './rate-limits.ts';

const POLICY = { messages: 5, subscribes: 2, resumes: 1 };

/** A clock the test moves by hand. */
function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

function takeMany(limits: InboundLimits, kind: 'messages' | 'subscribes' | 'resumes', n: number): boolean[] {
  return Array.from({ length: n }, () => limits.take(kind));
}

describe('InboundLimits', () => {
  it('lets a burst of one second\'s worth through, then refuses', () => {
    const c = clock();
    const limits = new InboundLimits(POLICY, c.now);
    assert.deepEqual(takeMany(limits, 'messages', 6), [true, true, true, true, true, false]);
    assert.deepEqual(takeMany(limits, 'subscribes', 3), [true, true, false]);
    assert.deepEqual(takeMany(limits, 'resumes', 2), [true, false]);
  });

  it('refills at the rate, never beyond one second\'s worth', () => {
    const c = clock();
    const limits = new InboundLimits(POLICY, c.now);
    takeMany(limits, 'messages', 5);
    c.advance(200);
    assert.deepEqual(takeMany(limits, 'messages', 2), [true, false], '200 ms is one message at 5/s');
    c.advance(60_000);
    assert.deepEqual(takeMany(limits, 'messages', 6), [true, true, true, true, true, false], 'an idle minute still only saves one second');
  });

  it('holds a client to the rate however it spreads its requests', () => {
    const c = clock();
    const limits = new InboundLimits(POLICY, c.now);
    let passed = 0;
    // 20 messages a second for 10 seconds against a limit of 5 a second.
    for (let i = 0; i < 200; i += 1) {
      if (limits.take('messages')) passed += 1;
      c.advance(50);
    }
    assert.ok(passed >= 50 && passed <= 55, `passed ${passed}`);
  });

  it('keeps each kind in its own bucket', () => {
    const c = clock();
    const limits = new InboundLimits(POLICY, c.now);
    takeMany(limits, 'subscribes', 2);
    assert.equal(limits.take('subscribes'), false);
    assert.equal(limits.take('resumes'), true);
    assert.equal(limits.take('messages'), true);
  });

  it('says which limit was broken, short enough for a close frame', () => {
    const reason = rateLimitReason('subscribes', { messages: 1_000_000, subscribes: 1_000_000, resumes: 1_000_000 });
    assert.equal(reason, 'rate limited: more than 1000000 subscribes per second');
    assert.ok(Buffer.byteLength(reason) <= 123);
  });
});

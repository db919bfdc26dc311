import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CADENCE, nextPollSeconds, resolveCadence } from './cadence.ts';

const middle = () => 0.5; // no jitter: 1 + 0.1 * (2 * 0.5 - 1) = 1
const view = (live: number, halftime: number, consecutiveErrors = 0) => ({ live, halftime, consecutiveErrors });

test('the base interval while any game is live, slower with none, in between when all are at halftime', () => {
  assert.equal(nextPollSeconds(view(3, 0), DEFAULT_CADENCE, middle), 10);
  assert.equal(nextPollSeconds(view(3, 2), DEFAULT_CADENCE, middle), 10, 'one game still playing');
  assert.equal(nextPollSeconds(view(2, 2), DEFAULT_CADENCE, middle), 30);
  assert.equal(nextPollSeconds(view(0, 0), DEFAULT_CADENCE, middle), 60);
});

test('jitter spreads each wait by at most ±10%', () => {
  assert.equal(nextPollSeconds(view(1, 0), DEFAULT_CADENCE, () => 0), 9);
  assert.ok(Math.abs(nextPollSeconds(view(1, 0), DEFAULT_CADENCE, () => 0.999999) - 11) < 1e-4);
  assert.equal(nextPollSeconds(view(0, 0), DEFAULT_CADENCE, () => 0.25), 57);
  const noJitter = resolveCadence({ jitter: 0 });
  assert.equal(nextPollSeconds(view(1, 0), noJitter, () => 0), 10);
});

test('while the feed fails the wait doubles from the base interval up to the cap, whatever the state', () => {
  const waits = [1, 2, 3, 4, 50].map((n) => nextPollSeconds(view(0, 0, n), DEFAULT_CADENCE, middle));
  assert.deepEqual(waits, [20, 40, 60, 60, 60]);
  assert.equal(nextPollSeconds(view(4, 4, 1), DEFAULT_CADENCE, middle), 20);
  assert.equal(nextPollSeconds(view(1, 0, 1), resolveCadence({ liveSeconds: 10, maxBackoffSeconds: 5 }), middle), 10, 'never faster than the base');
});

test('intervals are configurable, and defaults fill in', () => {
  const cadence = resolveCadence({ liveSeconds: 3, halftimeSeconds: 15, idleSeconds: undefined });
  assert.deepEqual(cadence, { ...DEFAULT_CADENCE, liveSeconds: 3, halftimeSeconds: 15 });
  assert.equal(nextPollSeconds(view(1, 0), cadence, middle), 3);
  assert.equal(nextPollSeconds(view(1, 0, 2), cadence, middle), 12);
});

test('bad cadences are refused with exact messages', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ liveSeconds: 0 }, 'liveSeconds must be a positive number of seconds, got 0'],
    [{ idleSeconds: Number.POSITIVE_INFINITY }, 'idleSeconds must be a positive number of seconds, got null'],
    [{ halftimeSeconds: '30' }, 'halftimeSeconds must be a positive number of seconds, got "30"'],
    [{ maxBackoffSeconds: -1 }, 'maxBackoffSeconds must be a positive number of seconds, got -1'],
    [{ jitter: 1 }, 'jitter must be a number in [0, 1), got 1'],
    [{ jitter: -0.1 }, 'jitter must be a number in [0, 1), got -0.1'],
  ];
  for (const [overrides, message] of cases) {
    assert.throws(() => resolveCadence(overrides as never), { code: 'invalid_option', message: `cadence: ${message}` });
  }
});

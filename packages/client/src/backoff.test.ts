import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';

test('the ceiling doubles from the base up to the cap; the delay is drawn anywhere below it (full jitter)', () => {
  const b = { baseMs: 500, capMs: 15_000, minMs: 100 };
  const top = () => 0.999_999;
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 30].map((n) => backoffDelay(n, b, top)), [500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  assert.equal(backoffDelay(4, b, () => 0.5), 2000);
  assert.equal(backoffDelay(4, b, () => 0.25), 1000);
  assert.equal(backoffDelay(4, b, () => 0), 100, 'never under the floor');
  assert.deepEqual(DEFAULT_BACKOFF, b);
});

test('with Math.random the delays spread over the whole range, never above the ceiling', () => {
  const b = { baseMs: 1000, capMs: 4000, minMs: 0 };
  const draws = Array.from({ length: 2000 }, () => backoffDelay(10, b, Math.random));
  assert.ok(Math.max(...draws) <= 4000);
  assert.ok(Math.min(...draws) < 400, `lowest of 2000 draws: ${Math.min(...draws)}`);
  assert.ok(Math.max(...draws) > 3600, `highest of 2000 draws: ${Math.max(...draws)}`);
  const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
  assert.ok(Math.abs(mean - 2000) < 200, `mean ${mean.toFixed(0)} ms, expected about half the ceiling`);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff, TRIGGER_MINUTE } from './minutes.ts';

test('minuteDiff reads dk, 1-based, and refuses a minute the pattern does not have', () => {
  const pattern = Array.from({ length: HALFTIME_MINUTE }, (_, i) => i + 1);
  assert.equal(minuteDiff(pattern, 1), 1);
  assert.equal(minuteDiff(pattern, TRIGGER_MINUTE), 18);
  assert.equal(minuteDiff(Float32Array.from(pattern), HALFTIME_MINUTE), 24);
  assert.throws(() => minuteDiff(pattern, HALFTIME_MINUTE + 1), { name: 'RangeError', message: 'the pattern has 24 minutes, not 25' });
  assert.throws(() => minuteDiff(pattern, 0), RangeError);
});

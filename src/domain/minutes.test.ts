import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atMinute, HALFTIME_MINUTE, minuteDiff, minutesLeft, OVERTIME_MINUTES, REGULATION_MINUTES, TRIGGER_MINUTE } from './minutes.ts';

test('minuteDiff reads dk, 1-based, and refuses a minute the pattern does not have', () => {
  const pattern = Array.from({ length: HALFTIME_MINUTE }, (_, i) => i + 1);
  assert.equal(minuteDiff(pattern, 1), 1);
  assert.equal(minuteDiff(pattern, TRIGGER_MINUTE), 18);
  assert.equal(minuteDiff(Float32Array.from(pattern), HALFTIME_MINUTE), 24);
  assert.throws(() => minuteDiff(pattern, HALFTIME_MINUTE + 1), { name: 'RangeError', message: 'the pattern has 24 minutes, not 25' });
  assert.throws(() => minuteDiff(pattern, 0), RangeError);
});

test('atMinute reads any per-minute list, and is undefined past its end', () => {
  const possession = Int8Array.from([1, -1, 0]);
  assert.equal(atMinute(possession, 2), -1);
  assert.equal(atMinute(possession, 4), undefined);
});

test('minutesLeft counts down regulation, then each five-minute overtime', () => {
  assert.deepEqual([1, TRIGGER_MINUTE, REGULATION_MINUTES].map(minutesLeft), [47, 30, 0]);
  assert.deepEqual([REGULATION_MINUTES + 1, REGULATION_MINUTES + OVERTIME_MINUTES, REGULATION_MINUTES + OVERTIME_MINUTES + 2].map(minutesLeft), [4, 0, 3]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayError } from './errors.ts';
import { ReplayClock } from './replay-clock.ts';

test('runs speed times faster than the injected real clock, from its start', () => {
  let real = 1_000;
  const clock = new ReplayClock({ start: Date.parse('2017-11-23T00:00:00Z'), speed: 60, now: () => real });
  assert.equal(clock.now(), Date.parse('2017-11-23T00:00:00Z'));
  real += 1_000;
  assert.equal(clock.now(), Date.parse('2017-11-23T00:01:00Z'));
  assert.equal(clock.realDelayUntil(Date.parse('2017-11-23T00:02:00Z')), 1_000);
  assert.equal(clock.realDelayUntil(Date.parse('2017-11-22T23:00:00Z')), 0);
});

test('without an injected source it follows real time', async () => {
  const clock = new ReplayClock({ start: 0, speed: 1000 });
  const first = clock.now();
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(clock.now() - first >= 10_000, 'at least 10 simulated seconds in 20 real ms at speed 1000');
});

test('options are validated with exact messages', () => {
  const bad = (options: unknown, message: string): void => {
    assert.throws(() => new ReplayClock(options as never), (e: unknown) => e instanceof ReplayError && e.code === 'invalid_option' && e.message === message);
  };
  bad({ start: 0, speed: 0 }, 'speed must be a positive number, got 0');
  bad({ start: 0, speed: -2 }, 'speed must be a positive number, got -2');
  bad({ start: 0, speed: Number.POSITIVE_INFINITY }, 'speed must be a positive number, got Infinity');
  bad({ start: 0, speed: '5' }, 'speed must be a positive number, got 5');
  bad({ start: Number.NaN, speed: 1 }, 'start must be an epoch time in ms, got NaN');
  bad({ start: 0, speed: 1, now: 5 }, 'now must be a function returning ms');
});

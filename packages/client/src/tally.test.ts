import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nightTally } from './tally.ts';
import { game, PREDICTION } from './testing/messages.ts';

const settled = (error: number, covered: boolean) => ({ actual: 0, forecast: PREDICTION, model_version: 'm', error, covered, approximate: false });
const prediction = { target: 'halftime_differential' as const, prediction: PREDICTION, pattern: [], model_version: 'm', approximate: false, period: 2, clock: '05:59' };

test('the tally counts forecasts, covered ones and the mean absolute error', () => {
  assert.deepEqual(nightTally([]), { forecasts: 0, settled: 0, covered: 0, mae: null });
  const games = new Map([
    ['a', game('0021700001', { prediction, halftime: settled(2, true) })],
    ['b', game('0021700002', { prediction, halftime: settled(-5, false) })],
    ['c', game('0021700003', { prediction })],
    // Graded without a forecast (the service started late): not a forecast, not settled.
    ['d', game('0021700004', { halftime: { actual: 3, forecast: null, model_version: null, error: null, covered: null, approximate: false } })],
    // A snapshot that lost the prediction still counts the forecast its grade holds.
    ['e', game('0021700005', { halftime: settled(1, true) })],
  ]);
  assert.deepEqual(nightTally(games.values()), { forecasts: 4, settled: 3, covered: 2, mae: 8 / 3 });
});

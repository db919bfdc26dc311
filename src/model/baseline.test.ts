import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HALFTIME_MINUTE, REGULATION_MINUTES, TRIGGER_MINUTE } from '../domain/minutes.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { createBaselinePredictor } from './baseline.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { loadDataDir } from '../data/dataset-files.ts';

const context = { gameId: '0022500001', homeTeam: 'BOS', awayTeam: 'NYK', gameDate: '2025-10-21' };

function game(season: string, d18: number, d24: number): HistoricalGame {
  const d = Array.from({ length: REGULATION_MINUTES }, (_, i) => (i + 1 === TRIGGER_MINUTE ? d18 : i + 1 === HALFTIME_MINUTE ? d24 : 0));
  return { gameId: '0', season, gameDate: '2017-11-01', homeTeam: 'BOS', awayTeam: 'NYK', d, finalHome: 100, finalAway: 100, otPeriods: 1 };
}

test('uses only the most recent season: mean shift and empirical quantiles of d24 - d18', () => {
  // Old season changes are huge; they must not leak in.
  const old = Array.from({ length: 50 }, () => game('2015-16', 0, 40));
  // Recent changes: -20, -19, ..., 20 (41 values): mean 0, 2.5% at -19, 97.5% at 19.
  const recent = Array.from({ length: 41 }, (_, i) => game('2016-17', 5, 5 + i - 20));
  const predictor = createBaselinePredictor([...old, ...recent]);
  assert.equal(predictor.modelVersion, 'baseline-2016-17');
  const pattern = [...new Array<number>(17).fill(0), 7];
  const f = predictor.predict(pattern, context);
  assert.equal(f.point, 7);
  assert.equal(f.lower, 7 - 19);
  assert.equal(f.upper, 7 + 19);
  assert.equal(f.coverage, 0.95);
  assert.deepEqual(f.components, { baseline_prediction: 7 });
  assert.equal(f.modelVersion, 'baseline-2016-17');
});

test('rejects what it cannot forecast from, with stable codes', () => {
  assert.throws(() => createBaselinePredictor([]), { code: 'dataset_empty' });
  assert.throws(() => createBaselinePredictor([game('2016-17', 0, 0)], { coverage: 1 }), { code: 'invalid_option', message: 'coverage must be in (0, 1), got 1' });
  const p = createBaselinePredictor([game('2016-17', 0, 1)]);
  assert.throws(() => p.predict([1, 2, 3], context), { code: 'invalid_pattern' });
  assert.throws(() => p.predict([...new Array<number>(17).fill(0), Number.NaN], context), { code: 'invalid_pattern', message: 'pattern d18 must be a finite number, got NaN' });
});

test('on the real dataset: baseline-2017-18 with a sensible interval', (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const p = createBaselinePredictor(loadDataDir(dir));
  assert.equal(p.modelVersion, 'baseline-2017-18');
  const f = p.predict([...new Array<number>(17).fill(0), -4], context);
  assert.ok(f.lower < f.point && f.point < f.upper);
  assert.ok(f.upper - f.lower > 15 && f.upper - f.lower < 30, `width ${f.upper - f.lower}`);
});

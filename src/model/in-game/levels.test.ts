import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intervalLevels, LEVEL_NAMES, levelIndex, QUANTILE_LEVELS } from './levels.ts';

test('the published levels and their names, as the predictions CSV heads its columns', () => {
  assert.equal(LEVEL_NAMES.join(','), 'q025,q05,q10,q15,q20,q25,q30,q35,q40,q45,q50,q55,q60,q65,q70,q75,q80,q85,q90,q95,q975');
  assert.ok(QUANTILE_LEVELS.every((l, i) => i === 0 || l > (QUANTILE_LEVELS[i - 1] as number)));
  assert.deepEqual(intervalLevels(0.5), { lower: 5, upper: 15 });
  assert.deepEqual(intervalLevels(0.8), { lower: 2, upper: 18 });
  assert.deepEqual(intervalLevels(0.95), { lower: 0, upper: 20 });
  assert.equal(levelIndex(0.5), 10);
  assert.throws(() => levelIndex(0.33), RangeError);
});

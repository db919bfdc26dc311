import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitEnsembleWeights } from './ensemble.ts';
import { seededRandom } from './random.ts';

test('weights are non-negative, sum to 1, and a useless component gets exactly 0', () => {
  const random = seededRandom(3);
  const n = 2000;
  const truth = Float64Array.from({ length: n }, () => (random() - 0.5) * 20);
  // Two honest views of the truth with independent errors, and one that only adds noise to the
  // first (an independent error, however large, would earn a little weight by diversifying).
  const a = truth.map((t) => t + (random() - 0.5) * 6);
  const b = truth.map((t) => t + (random() - 0.5) * 6);
  const junk = a.map((v) => v + (random() - 0.5) * 12);
  const w = fitEnsembleWeights([a, b, junk], truth);
  assert.equal(w.length, 3);
  assert.ok(w.every((x) => x >= 0));
  assert.ok(Math.abs(w.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  assert.equal(w[2], 0);
  // Equally good independent views share the weight.
  assert.ok(Math.abs((w[0] as number) - 0.5) < 0.15, `weights ${w.join(', ')}`);
});

test('a single component takes all the weight', () => {
  assert.deepEqual(fitEnsembleWeights([Float64Array.of(1, 2, 3)], Float64Array.of(1, 2, 4)), [1]);
});

test('a component whose gain is below the tolerance is dropped', () => {
  const random = seededRandom(9);
  const truth = Float64Array.from({ length: 1000 }, () => (random() - 0.5) * 20);
  const good = truth.map((t) => t + (random() - 0.5) * 6);
  const twin = good.map((g) => g + (random() - 0.5) * 0.2);
  const loose = fitEnsembleWeights([good, twin], truth, { tolerance: 0.05 });
  assert.ok(loose.includes(0) && loose.includes(1), `weights ${loose.join(', ')}`);
});

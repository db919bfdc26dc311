import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../random.ts';
import { cdfOf, quantileOf, TABLE_SIZE, tableFromSorted } from './table.ts';

/** A heavy-tailed, skewed score: what standardised residuals of a real season look like. */
function draw(random: () => number): number {
  const u = random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u || 1e-12)) * Math.cos(2 * Math.PI * v);
  return normal * (random() < 0.1 ? 2 : 1) + (random() < 0.3 ? 0.4 : 0);
}

test('a table is the conformal quantile function of its scores, and its CDF inverts it', () => {
  const scores = Float64Array.from({ length: 999 }, (_, i) => i + 1).sort();
  const table = tableFromSorted(scores);
  assert.equal(table.length, TABLE_SIZE);
  assert.equal(table[0], 1);
  assert.equal(table[TABLE_SIZE - 1], 999);
  // n = 999: level 0.9 is the ⌈1000 × 0.9⌉ = 900th score, level 0.1 the ⌊1000 × 0.1⌋ = 100th.
  assert.equal(quantileOf(table, 0.9), 900);
  assert.equal(quantileOf(table, 0.1), 100);
  assert.equal(quantileOf(table, 0.905), 905);
  assert.equal(quantileOf(table, -3), 1);
  assert.equal(quantileOf(table, 7), 999);
  for (const p of [0.013, 0.25, 0.5, 0.77, 0.985]) assert.ok(Math.abs(cdfOf(table, quantileOf(table, p)) - p) < 1e-9, `p ${p}`);
  assert.equal(cdfOf(table, 0), 0);
  assert.equal(cdfOf(table, 1000), 1);
});

test('a score repeated over many levels puts its CDF in the middle of them', () => {
  const scores = [...new Array<number>(40).fill(-1), ...new Array<number>(20).fill(0), ...new Array<number>(40).fill(1)];
  const table = tableFromSorted(scores);
  assert.ok(Math.abs(cdfOf(table, 0) - 0.5) < 0.011, String(cdfOf(table, 0)));
  assert.ok(cdfOf(table, -0.5) > 0.3 && cdfOf(table, -0.5) < 0.41);
  assert.throws(() => tableFromSorted([]), RangeError);
});

test('on held-out draws of the same distribution every level covers as often as it says', () => {
  const random = seededRandom(19);
  const calibration = Float64Array.from({ length: 3000 }, () => draw(random)).sort();
  const table = tableFromSorted(calibration);
  const heldOut = Float64Array.from({ length: 20_000 }, () => draw(random));
  for (const p of [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]) {
    const q = quantileOf(table, p);
    const below = heldOut.filter((z) => z <= q).length / heldOut.length;
    // Binomial noise of the held-out share plus the calibration's own (3,000 scores).
    const tolerance = 3 * Math.sqrt((p * (1 - p)) / 3000 + (p * (1 - p)) / heldOut.length);
    assert.ok(Math.abs(below - p) <= tolerance, `level ${p}: ${below.toFixed(4)} below`);
  }
});

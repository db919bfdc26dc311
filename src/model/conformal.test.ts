import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conformalQuantile, groupOf, MondrianAci, sortedAbsResiduals } from './conformal.ts';
import { seededRandom } from './random.ts';

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Synthetic games: |d18| drawn at random, residual spread growing with |d18|, all exchangeable. */
function games(n: number, random: () => number, scale = 1): Array<{ d18: number; residual: number }> {
  return Array.from({ length: n }, () => {
    const d18 = Math.round((random() - 0.5) * 40);
    return { d18, residual: scale * (4 + 0.2 * Math.abs(d18)) * normal(random) };
  });
}

function mondrian(calibration: Array<{ d18: number; residual: number }>, bounds = [4, 8, 13]): { bounds: number[]; scores: number[][] } {
  const scores: number[][] = [[], [], [], []];
  for (const g of calibration) scores[groupOf(g.d18, bounds)]?.push(Math.abs(g.residual));
  return { bounds, scores: scores.map((s) => s.sort((a, b) => a - b)) };
}

test('split conformal quantile is the ceil((n + 1)(1 − α))-th score', () => {
  const scores = Array.from({ length: 19 }, (_, i) => i + 1); // 1..19
  assert.equal(conformalQuantile(scores, 0.1), 18); // ceil(20 × 0.9) = 18
  assert.equal(conformalQuantile(scores, 0.05), 19); // ceil(20 × 0.95) = 19
  assert.equal(conformalQuantile(scores, 0.01), 19); // past the end: the largest
  assert.equal(conformalQuantile([], 0.05), Number.POSITIVE_INFINITY);
  assert.deepEqual(sortedAbsResiduals([1, 2, 3], [4, 0, 3]), [0, 2, 3]);
});

test('Mondrian conformal covers exchangeable data within binomial tolerance, overall and per group', () => {
  const random = seededRandom(11);
  for (const coverage of [0.9, 0.95]) {
    for (let rep = 0; rep < 5; rep++) {
      const interval = new MondrianAci(mondrian(games(2000, random)), { alpha: 1 - coverage, gamma: 0 });
      const test = games(4000, random);
      const covered = test.filter((g) => Math.abs(g.residual) <= interval.halfWidth(g.d18)).length / test.length;
      // Test sampling plus calibration sampling (per group n ≈ 500): four standard deviations.
      const sd = Math.sqrt((coverage * (1 - coverage)) / test.length + (coverage * (1 - coverage)) / 500);
      assert.ok(Math.abs(covered - coverage) < 4 * sd, `coverage ${covered} for target ${coverage}`);
    }
  }
});

test('adaptive conformal inference restores coverage when the test season is more volatile', () => {
  const random = seededRandom(5);
  const calibration = mondrian(games(2000, random));
  const season = games(4000, random, 1.25);
  const run = (gamma: number): number => {
    const interval = new MondrianAci(calibration, { alpha: 0.05, gamma });
    let hits = 0;
    for (const g of season) {
      const missed = Math.abs(g.residual) > interval.halfWidth(g.d18);
      if (!missed) hits++;
      interval.update(missed);
    }
    return hits / season.length;
  };
  const fixed = run(0);
  const adaptive = run(0.005);
  assert.ok(fixed < 0.92, `static intervals should under-cover the wider season, got ${fixed}`);
  assert.ok(Math.abs(adaptive - 0.95) < 0.015, `ACI coverage ${adaptive}`);
});

test('options are checked with clear messages', () => {
  const state = { bounds: [4], scores: [[1], [2]] };
  assert.throws(() => new MondrianAci(state, { alpha: 0, gamma: 0 }), { code: 'invalid_option', message: 'coverage must be in (0, 1), got 1' });
  assert.throws(() => new MondrianAci(state, { alpha: 0.05, gamma: 2 }), { code: 'invalid_option' });
  assert.throws(() => new MondrianAci({ bounds: [4], scores: [[1]] }, { alpha: 0.05, gamma: 0 }), { code: 'model_file' });
});

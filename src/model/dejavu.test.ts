import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DejavuParams } from './dejavu.ts';
import { DejavuIndex } from './dejavu.ts';
import { seededRandom } from './random.ts';

/** d1..d18 with only the last three minutes set. */
function tail(d16: number, d17: number, d18: number): number[] {
  return [...new Array<number>(15).fill(0), d16, d17, d18];
}

// Query aligned on d18 = 5: [5, d17 − d18 = −1, d16 − d18 = −3].
const query = tail(2, 4, 5);
const references = [
  { pattern: tail(2, 4, 5), change: 3 }, // A: [5, −1, −3]
  { pattern: tail(0, 2, 3), change: -1 }, // B: [3, −1, −3]
  { pattern: tail(7, 9, 10), change: 4 }, // C: [10, −1, −3]
  { pattern: tail(5, 5, 5), change: 0 }, // D: [5, 0, 0]
  { pattern: tail(1, 4, 6), change: 10 }, // E: [6, −2, −5]
  { pattern: tail(-3, -1, 0), change: -7 }, // F: [0, −1, −3]
];
const index = new DejavuIndex(references);
const base: DejavuParams = { k: 6, window: 3, metric: 'l1', levelWeight: 1 };

test('L1 over a 3-minute window: hand-computed order, ties to the earlier game', () => {
  // Distances A 0, B 2, C 5, D 1+3 = 4, E 1+1+2 = 4, F 5.
  assert.deepEqual([...index.neighbours(query, base)], [0, 1, 3, 4, 2, 5]);
  assert.deepEqual([...index.neighbours(query, { ...base, k: 4 })], [0, 1, 3, 4]);
  // Median of A, B, D, E's changes {3, −1, 0, 10} is (0 + 3) / 2.
  assert.equal(index.predictChange(query, { ...base, k: 4 }), 1.5);
  assert.equal(index.predictChange(query, { ...base, k: 3 }), 0);
});

test('L2, the level weight and the window change the neighbours as computed by hand', () => {
  // L2: A 0, B 4, C 25, D 1 + 9 = 10, E 1 + 1 + 4 = 6, F 25.
  assert.deepEqual([...index.neighbours(query, { ...base, metric: 'l2' })], [0, 1, 4, 3, 2, 5]);
  // Level weight 3 (L1): A 0, B 6, C 15, D 4, E 3 + 3 = 6, F 15.
  assert.deepEqual([...index.neighbours(query, { ...base, levelWeight: 3 })], [0, 3, 1, 4, 2, 5]);
  // Window 1 is the level alone: A 0, D 0, E 1, B 2, C 5, F 5.
  assert.deepEqual([...index.neighbours(query, { ...base, window: 1 })], [0, 3, 4, 1, 2, 5]);
});

test('the level-pruned search equals a brute-force scan on random games', () => {
  const random = seededRandom(7);
  const walk = (): number[] => {
    const p: number[] = [];
    let d = 0;
    for (let m = 0; m < 18; m++) p.push((d += Math.round((random() - 0.5) * 6)));
    return p;
  };
  const refs = Array.from({ length: 800 }, () => ({ pattern: walk(), change: Math.round((random() - 0.5) * 20) }));
  const idx = new DejavuIndex(refs);
  for (const params of [
    { k: 1, window: 18, metric: 'l1', levelWeight: 1 },
    { k: 25, window: 6, metric: 'l2', levelWeight: 2 },
    { k: 100, window: 2, metric: 'l1', levelWeight: 0.5 },
  ] as const) {
    for (let q = 0; q < 20; q++) {
      const pattern = walk();
      const dist = (r: readonly number[]): number => {
        const e = (j: number): number => (pattern[17 - j] as number) - (pattern[17] as number) - ((r[17 - j] as number) - (r[17] as number));
        const phi = (v: number): number => (params.metric === 'l1' ? Math.abs(v) : v * v);
        let s = params.levelWeight * phi((pattern[17] as number) - (r[17] as number));
        for (let j = 1; j < params.window; j++) s += phi(e(j));
        return s;
      };
      const brute = refs.map((r, i) => ({ i, d: dist(r.pattern) })).sort((a, b) => a.d - b.d || a.i - b.i).slice(0, params.k).map((x) => x.i);
      assert.deepEqual([...idx.neighbours(pattern, params)], brute, JSON.stringify(params));
    }
  }
});

test('k larger than the reference set returns every game; no references is an error', () => {
  assert.equal(index.neighbours(query, { ...base, k: 50 }).length, 6);
  assert.throws(() => new DejavuIndex([]), { code: 'ERR_DATASET_EMPTY' });
});

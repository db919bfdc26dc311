import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minuteDiff } from '../domain/minutes.ts';
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
        const e = (j: number): number => minuteDiff(pattern, 18 - j) - minuteDiff(pattern, 18) - (minuteDiff(r, 18 - j) - minuteDiff(r, 18));
        const phi = (v: number): number => (params.metric === 'l1' ? Math.abs(v) : v * v);
        let s = params.levelWeight * phi(minuteDiff(pattern, 18) - minuteDiff(r, 18));
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
  assert.throws(() => new DejavuIndex([]), { code: 'dataset_empty' });
});

// Game G (2018-01-10) asks with the query's pattern. Aligned as above.
const G = { gameId: 'G', gameDate: '2018-01-10' };
const dated = [
  { pattern: tail(2, 4, 5), change: 3, gameId: 'G', gameDate: '2018-01-10' }, // G itself: 0
  { pattern: tail(2, 4, 5), change: 8, gameId: 'LATER', gameDate: '2018-02-01' }, // 0
  { pattern: tail(1, 4, 5), change: 6, gameId: 'SAME_NIGHT', gameDate: '2018-01-10' }, // [5, −1, −4]: 1
  { pattern: tail(0, 2, 3), change: -1, gameId: 'EVE', gameDate: '2018-01-09' }, // 2
  { pattern: tail(5, 5, 5), change: 0, gameId: 'DEC', gameDate: '2017-12-01' }, // 4
  { pattern: tail(-3, -1, 0), change: -7, gameId: 'OLD', gameDate: '1997-01-01' }, // 5
];
const datedIndex = new DejavuIndex(dated);

test('a search for a game skips the game itself, its own night and later games, however near', () => {
  assert.deepEqual([...datedIndex.neighbours(query, base)], [0, 1, 2, 3, 4, 5]);
  assert.equal(datedIndex.predictChange(query, { ...base, k: 3 }), 6); // {3, 8, 6}: the leak
  assert.deepEqual([...datedIndex.neighbours(query, { ...base, k: 3 }, G)], [3, 4, 5]);
  assert.equal(datedIndex.predictChange(query, { ...base, k: 3 }, G), -1); // {−1, 0, −7}
  // Fewer earlier games than k: all of them, no padding from later ones.
  assert.deepEqual([...datedIndex.neighbours(query, base, G)], [3, 4, 5]);
  assert.deepEqual([...datedIndex.neighbourChanges(query, base, G)], [-1, 0, -7]);
  // The game itself is skipped by id even when its given date comes after every reference.
  assert.deepEqual([...datedIndex.neighbours(query, base, { gameId: 'G', gameDate: '2018-03-01' })], [1, 2, 3, 4, 5]);
});

test('a search for a game after every reference is the unfiltered search', () => {
  const live = { gameId: '0022500001', gameDate: '2025-10-21' };
  assert.deepEqual([...datedIndex.neighbours(query, base, live)], [...datedIndex.neighbours(query, base)]);
  assert.equal(datedIndex.predictChange(query, { ...base, k: 4 }, live), datedIndex.predictChange(query, { ...base, k: 4 }));
});

test('with no reference known to precede the game nothing answers and the forecast is NaN', () => {
  for (const gameDate of ['1997-01-01', '1990-05-05', 'not a date', '2018-02-30', '']) {
    const game = { gameId: 'X', gameDate };
    assert.equal(datedIndex.neighbours(query, base, game).length, 0, gameDate);
    assert.ok(Number.isNaN(datedIndex.predictChange(query, base, game)), gameDate);
  }
  assert.deepEqual([...datedIndex.neighbours(query, base, { gameId: 'X', gameDate: '1997-01-02' })], [5]);
});

test('dated searches equal a brute-force scan of the earlier games; undated indexes are unchanged', () => {
  const random = seededRandom(11);
  const walk = (): number[] => {
    let d = 0;
    return Array.from({ length: 18 }, () => (d += Math.round((random() - 0.5) * 6)));
  };
  const day = (n: number): string => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
  const refs = Array.from({ length: 600 }, (_, i) => ({ pattern: walk(), change: Math.round((random() - 0.5) * 20), gameId: `g${i}`, gameDate: day(Math.floor(random() * 400)) }));
  const withDates = new DejavuIndex(refs);
  const without = new DejavuIndex(refs.map(({ pattern, change }) => ({ pattern, change })));
  const params = { k: 40, window: 6, metric: 'l1', levelWeight: 3 } as const;
  const dist = (q: readonly number[], r: readonly number[]): number => {
    let s = params.levelWeight * Math.abs(minuteDiff(q, 18) - minuteDiff(r, 18));
    for (let j = 1; j < params.window; j++) s += Math.abs(minuteDiff(q, 18 - j) - minuteDiff(q, 18) - (minuteDiff(r, 18 - j) - minuteDiff(r, 18)));
    return s;
  };
  for (let t = 0; t < 30; t++) {
    const own = Math.floor(random() * refs.length);
    const game = { gameId: `g${own}`, gameDate: day(Math.floor(random() * 420)) };
    const pattern = walk();
    const brute = refs
      .map((r, i) => ({ i, d: dist(pattern, r.pattern), ok: r.gameDate < game.gameDate && i !== own }))
      .filter((x) => x.ok)
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, params.k)
      .map((x) => x.i);
    assert.deepEqual([...withDates.neighbours(pattern, params, game)], brute, game.gameDate);
    assert.deepEqual([...withDates.neighbours(pattern, params)], [...without.neighbours(pattern, params)]);
    assert.equal(withDates.predictChange(pattern, params), without.predictChange(pattern, params));
  }
});

test('references give ids and dates to all or none; a dated search needs them', () => {
  const p = tail(0, 0, 0);
  assert.equal(datedIndex.dated, true);
  assert.equal(index.dated, false);
  assert.throws(() => index.neighbours(query, base, G), { code: 'invalid_option', message: 'dejavu references have no dates, so a search cannot be limited to the games before one' });
  assert.throws(() => new DejavuIndex([{ pattern: p, change: 0, gameId: 'a', gameDate: '2018-01-01' }, { pattern: p, change: 0 }]), { code: 'invalid_option', message: 'dejavu reference 1 has gameDate undefined, expected YYYY-MM-DD' });
  assert.throws(() => new DejavuIndex([{ pattern: p, change: 0 }, { pattern: p, change: 0, gameId: 'b', gameDate: '2018-01-01' }]), { code: 'invalid_option', message: 'dejavu reference 1 has a gameId or gameDate while reference 0 has no gameDate: give both to every reference or to none' });
  assert.throws(() => new DejavuIndex([{ pattern: p, change: 0, gameId: 'a', gameDate: '2018-13-01' }]), { code: 'invalid_option', message: 'dejavu reference 0 has gameDate "2018-13-01", expected YYYY-MM-DD' });
  assert.throws(() => new DejavuIndex([{ pattern: p, change: 0, gameDate: '2018-01-01' }]), { code: 'invalid_option', message: 'dejavu reference 0 has a gameDate but no gameId' });
  assert.throws(() => new DejavuIndex([{ pattern: p, change: 0, gameId: 'a', gameDate: '2018-01-01' }, { pattern: p, change: 1, gameId: 'a', gameDate: '2018-01-02' }]), { code: 'invalid_option', message: 'dejavu reference 1 repeats game a' });
});

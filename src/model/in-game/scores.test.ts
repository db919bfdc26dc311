import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GameRecord } from '../dataset.ts';
import { normalCdf } from '../normal.ts';
import { finalMarginBars, winProbabilityBars } from './acceptance.ts';
import { BrownianBaseline } from './brownian.ts';
import type { GameRun } from './evaluation.ts';
import type { InGameForecast } from './forecaster.ts';
import { QUANTILE_LEVELS } from './levels.ts';
import { marginScores, pitDecile, quantileCrps, winScores } from './scores.ts';

test('CRPS from quantiles: a point forecast scores its absolute error; a spread one rewards being close', () => {
  const point = QUANTILE_LEVELS.map(() => 4);
  assert.ok(Math.abs(quantileCrps(point, 10) - 6) < 1e-12);
  assert.ok(Math.abs(quantileCrps(point, -1) - 5) < 1e-12);
  const spread = QUANTILE_LEVELS.map((p) => 4 + 10 * (p - 0.5));
  assert.ok(quantileCrps(spread, 4) < quantileCrps(point, 8));
  assert.ok(quantileCrps(spread, 4) < quantileCrps(spread, 8));
});

test('the PIT decile is where the outcome falls among the published deciles', () => {
  const q = QUANTILE_LEVELS.map((p) => Math.round(100 * p));
  assert.equal(pitDecile(q, -5), 0);
  assert.equal(pitDecile(q, 10), 0, 'on the 10% quantile itself: the first tenth');
  assert.equal(pitDecile(q, 10.5), 1);
  assert.equal(pitDecile(q, 55), 5);
  assert.equal(pitDecile(q, 91), 9);
});

test('the Brownian baseline is Stern\'s formula, with σ the maximum-likelihood fit of the remaining changes', () => {
  const b = new BrownianBaseline(12);
  assert.ok(Math.abs(b.winProbability(36, 3, 4) - normalCdf((3 + 1) / (12 * 0.5))) < 1e-12);
  assert.ok(Math.abs(b.winProbability(24, 0, 0) - 0.5) < 1e-6);
  const d = b.final(36, 3, 4);
  assert.equal(d.point, 4);
  assert.ok(Math.abs((d.quantiles[QUANTILE_LEVELS.length - 1] as number) - (4 + 6 * 1.959964)) < 1e-4);
  // Games whose margin never changes until a final jump of ±12: σ² is the mean of 12²/t over minutes.
  const game = (id: string, final: number): GameRecord => ({ gameId: id, season: '2017-18', gameDate: '2017-10-17', homeTeam: 'A', awayTeam: 'B', d: new Array<number>(48).fill(0), finalHome: 100 + Math.max(0, final), finalAway: 100 - Math.min(0, final), otPeriods: 1 });
  const fitted = BrownianBaseline.fit([game('1', 12), game('2', -12)], () => 0);
  const expected = Math.sqrt(Array.from({ length: 47 }, (_, i) => 144 / ((48 - i - 1) / 48)).reduce((s, v) => s + v, 0) / 47);
  assert.ok(Math.abs(fitted.sigma - expected) < 1e-9);
  assert.throws(() => new BrownianBaseline(0), RangeError);
});

/** Games where the home team leads by 5 all game and wins by it, or trails by 5 and loses; each forecast says `p`. */
function runs(groups: ReadonlyArray<{ p: number; games: number; won: number }>): GameRun[] {
  return groups.flatMap(({ p, games, won }, g) =>
    Array.from({ length: games }, (_, i) => {
      const margin = i < won ? 5 : -5;
      const game: GameRecord = { gameId: `${g}-${i}`, season: '2017-18', gameDate: '2017-10-17', homeTeam: 'A', awayTeam: 'B', d: new Array<number>(48).fill(margin), finalHome: 100 + margin, finalAway: 100, otPeriods: 0 };
      const forecast: InGameForecast = { minute: 0, final: { point: margin + 1, quantiles: QUANTILE_LEVELS.map((l) => margin + 1 + 20 * (l - 0.5)) }, homeWinProbability: p, possessionKnown: false, modelVersion: 't' };
      return { game, expected: 0, forecasts: Array.from({ length: 47 }, (_, m) => ({ ...forecast, minute: m + 1 })) };
    }),
  );
}

test('margin and win scores, judged against the bars', () => {
  const rs = runs([{ p: 0.7, games: 700, won: 483 }, { p: 0.3, games: 300, won: 100 }]);
  const m = marginScores(rs, 'final', 30, new BrownianBaseline(12));
  assert.equal(m.games, 1000);
  assert.equal(m.mae, 1);
  assert.equal(m.persistence_mae, 0);
  assert.ok(m.mae_diff.lower > 0);
  assert.ok(m.baseline_crps !== undefined && m.crps > 0);
  assert.equal(m.coverage['0.95'], 1);
  assert.ok(Math.abs(m.pit.reduce((s, v) => s + v, 0) - 1) < 1e-9);
  const bars = finalMarginBars(m);
  assert.deepEqual(bars.map((b) => b.met), [false, false, false, false]);
  assert.match(bars[3]?.bar ?? '', /bootstrap CI below 0/);

  const w = winScores(rs, 30, new BrownianBaseline(12));
  const high = w.reliability[7];
  const low = w.reliability[3];
  assert.deepEqual([high?.games, low?.games], [700, 300]);
  assert.ok(Math.abs((high?.mean_forecast ?? 0) - 0.7) < 1e-9 && Math.abs((low?.mean_forecast ?? 0) - 0.3) < 1e-9);
  assert.ok(Math.abs((high?.observed ?? 0) - 0.69) < 1e-12);
  assert.ok(Math.abs((low?.observed ?? 0) - 1 / 3) < 1e-12);
  // 0.69 against 0.7 with 700 games is 0.6 SE, 1/3 against 0.3 with 300 games 1.3 SE: both within 2.5.
  assert.deepEqual(winProbabilityBars(w).map((b) => b.met), [w.log_loss < w.baseline_log_loss, true]);
  // Said 0.3, won 45% of 300 games: 5.7 SE off.
  const off = winProbabilityBars(winScores(runs([{ p: 0.7, games: 700, won: 490 }, { p: 0.3, games: 300, won: 135 }]), 30, new BrownianBaseline(12)));
  assert.equal(off[1]?.met, false);
  assert.match(off[1]?.measured ?? '', /^off: 0\.3–0\.4 45\.0% vs 30\.0% \(n 300\)$/);
});

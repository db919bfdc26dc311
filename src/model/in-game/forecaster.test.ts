import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalQuantile } from '../normal.ts';
import { TeamRatings } from '../ratings.ts';
import type { MinuteFit } from './fit.ts';
import type { InGameFits } from './forecaster.ts';
import { InGameForecaster, WIN_PROBABILITY_FLOOR } from './forecaster.ts';
import { QUANTILE_LEVELS } from './levels.ts';
import { TABLE_SIZE, TABLE_STEP } from './table.ts';

/** Standard normal quantiles as a calibration table (its ends a little past the last levels). */
const NORMAL_TABLE = Array.from({ length: TABLE_SIZE }, (_, i) => normalQuantile(Math.min(0.999, Math.max(0.001, i * TABLE_STEP))));

/** A Brownian-like model: the expectation drifts in with the time left, possession is worth 0.5. */
function fits(last: number, horizon: number): MinuteFit[] {
  return Array.from({ length: last }, (_, i) => {
    const share = (horizon - (i + 1)) / 48;
    return {
      minute: i + 1,
      withPossession: { weights: [0, 0, share, 0.5], scale: 13 * Math.sqrt(share), table: NORMAL_TABLE },
      withoutPossession: { weights: [0, 0, share], scale: 13 * Math.sqrt(share) + 0.1, table: NORMAL_TABLE },
    };
  });
}
const FITS: InGameFits = { final: fits(47, 48), halftime: fits(23, 24) };
const ratings = new TeamRatings([{ gameId: '1', season: '2017-18', gameDate: '2017-10-17', homeTeam: 'CLE', awayTeam: 'BOS', margin: 30 }], { k: 0.1, carryOver: 0.5, marginCap: 30, homeAdvantage: 2 });
const forecaster = (aciGamma = 0.005): InGameForecaster => new InGameForecaster({ modelVersion: 'in-game-test', fits: FITS, ratings, aciGamma });
const context = { gameId: '0021700100', homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-11-01' };
const nondecreasing = (xs: readonly number[]): boolean => xs.every((v, i) => i === 0 || v >= (xs[i - 1] as number));

test('every minute gives monotone quantiles around the point, a halftime forecast until halftime, and a win probability', () => {
  const model = forecaster();
  // CLE won by 30 on opening night: rated 2.8 above BOS, so expected +7.6 with home advantage.
  assert.ok(Math.abs(model.expectedMargin(context) - 7.6) < 1e-9);
  for (let minute = 1; minute <= 47; minute++) {
    const pattern = Array.from({ length: minute }, (_, i) => (i % 7) - 3);
    const f = model.forecast({ context, minute, pattern, possession: minute % 2 ? 'home' : undefined });
    assert.equal(f.final.quantiles.length, QUANTILE_LEVELS.length);
    assert.ok(nondecreasing(f.final.quantiles), `minute ${minute}`);
    assert.ok((f.final.quantiles[0] as number) < f.final.point && f.final.point < (f.final.quantiles.at(-1) as number));
    assert.equal(f.halftime !== undefined, minute < 24, `halftime at minute ${minute}`);
    if (f.halftime) assert.ok(nondecreasing(f.halftime.quantiles));
    assert.ok(f.homeWinProbability >= WIN_PROBABILITY_FLOOR && f.homeWinProbability <= 1 - WIN_PROBABILITY_FLOOR);
    assert.equal(f.possessionKnown, minute % 2 === 1);
    assert.equal(f.modelVersion, 'in-game-test');
  }
});

test('the lead, the ratings and the ball move the forecast the right way', () => {
  const model = forecaster();
  const at = (margin: number, possession?: 'home' | 'away') => model.forecast({ context, minute: 40, pattern: new Array<number>(40).fill(margin), possession });
  assert.ok(at(5).homeWinProbability > at(0).homeWinProbability);
  assert.ok(at(0).homeWinProbability > at(-5).homeWinProbability);
  assert.ok(at(0, 'home').final.point > at(0, 'away').final.point);
  // With 8 minutes left, a 7.6-point favourite is expected 8/48 of it: +1.27.
  assert.ok(Math.abs(at(0).final.point - 7.6 / 6) < 1e-9);
  const unrated = model.forecast({ context: { ...context, homeTeam: 'NEW', awayTeam: 'OLD' }, minute: 40, pattern: new Array<number>(40).fill(0) });
  assert.ok(Math.abs(unrated.homeWinProbability - 0.5 - (2 / 6 / (13 * Math.sqrt(8 / 48))) * 0.4) < 0.01, 'home advantage only');
});

test('overtime reads as the end of regulation with as much time left, and a finished game is certain', () => {
  const model = forecaster(0);
  const tied48 = model.forecast({ context, minute: 48, pattern: new Array<number>(48).fill(0) });
  const fiveLeft = model.forecast({ context, minute: 43, pattern: new Array<number>(43).fill(0) });
  assert.deepEqual(tied48.final.quantiles, fiveLeft.final.quantiles);
  assert.equal(tied48.halftime, undefined);
  const ot = model.forecast({ context, minute: 51, pattern: [...new Array<number>(48).fill(0), 2, 3, 4] });
  const twoLeft = model.forecast({ context, minute: 46, pattern: new Array<number>(46).fill(4) });
  assert.deepEqual(ot.final, twoLeft.final);
  assert.equal(ot.minute, 51);
  const over = model.forecast({ context, minute: 48, pattern: new Array<number>(48).fill(-3) });
  assert.equal(over.homeWinProbability, 0);
  assert.deepEqual(new Set(over.final.quantiles), new Set([-3]));
  const afterOt = model.forecast({ context, minute: 53, pattern: [...new Array<number>(48).fill(0), 1, 1, 1, 1, 2] });
  assert.equal(afterOt.homeWinProbability, 1);
});

test('results widen or narrow the quantiles online, which stay monotone', () => {
  const model = forecaster(0.05);
  const input = { context, minute: 30, pattern: new Array<number>(30).fill(1) };
  const before = model.forecast(input);
  // Outcomes far outside the 95% interval on both sides, turn by turn.
  for (let i = 0; i < 40; i++) model.observe('final', [model.forecast(input)], i % 2 ? 80 : -80);
  const after = model.forecast(input);
  const width = (q: readonly number[]) => (q.at(-1) as number) - (q[0] as number);
  assert.ok(width(after.final.quantiles) > width(before.final.quantiles) + 1, `${width(before.final.quantiles)} → ${width(after.final.quantiles)}`);
  assert.ok(nondecreasing(after.final.quantiles));
  // Only minute 30 of the final margin learnt from them.
  assert.deepEqual(model.forecast({ ...input, minute: 29, pattern: new Array<number>(29).fill(1) }).final, forecaster(0.05).forecast({ ...input, minute: 29, pattern: new Array<number>(29).fill(1) }).final);
  // Every result below every quantile pulls them all down, still monotone.
  const low = forecaster(0.2);
  for (let i = 0; i < 30; i++) low.observe('halftime', [low.forecast({ ...input, minute: 10 })], -100);
  assert.ok(nondecreasing(low.forecast({ ...input, minute: 10 }).halftime?.quantiles ?? []));
  low.observe('final', [before], Number.NaN);
});

test('bad input is a clear error, never a NaN forecast', () => {
  const model = forecaster();
  assert.throws(() => model.forecast({ context, minute: 0, pattern: [] }), { code: 'invalid_pattern', message: 'minute must be a whole number from 1, got 0' });
  assert.throws(() => model.forecast({ context, minute: 12, pattern: [1, 2] }), { code: 'invalid_pattern', message: 'the pattern has 2 minutes, not 12' });
  assert.throws(() => model.forecast({ context, minute: 2, pattern: [1, Number.NaN] }), { code: 'invalid_pattern', message: 'margin at minute 2 must be a finite number, got NaN' });
  assert.throws(() => new InGameForecaster({ modelVersion: 'x', fits: { ...FITS, halftime: FITS.halftime.slice(1) }, ratings, aciGamma: 0 }), { code: 'model_file' });
  assert.throws(() => new InGameForecaster({ modelVersion: 'x', fits: FITS, ratings, aciGamma: 1 }), { code: 'invalid_option' });
});

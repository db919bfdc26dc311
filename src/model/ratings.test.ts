import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { loadDataDir } from '../data/dataset-files.ts';
import { franchiseOf } from './franchise.ts';
import type { RatedGame } from './ratings.ts';
import { fitRatingParams, ratedGame, TeamRatings } from './ratings.ts';

const params = { k: 0.1, carryOver: 0.5, marginCap: 30, homeAdvantage: 2 };
const game = (gameId: string, gameDate: string, homeTeam: string, awayTeam: string, margin: number, season = '2017-18'): RatedGame => ({ gameId, season, gameDate, homeTeam, awayTeam, margin });

test('relocated and renamed franchises are one team', () => {
  assert.deepEqual(['VAN', 'CHH', 'NOH', 'NOK', 'SEA', 'NJN', 'BOS'].map(franchiseOf), ['MEM', 'NOP', 'NOP', 'NOP', 'OKC', 'BKN', 'BOS']);
});

test('a game moves both ratings by k times the surprise, and only later dates see it', () => {
  const r = new TeamRatings([game('1', '2017-10-17', 'CLE', 'BOS', 12), game('2', '2017-10-17', 'GSW', 'HOU', -2), game('3', '2017-10-18', 'BOS', 'MIL', 0)], params);
  // Before anything: home advantage only. CLE beat the expectation (2) by 10.
  assert.equal(r.expectedFor('1'), 2);
  assert.equal(r.rating('CLE', '2017-10-17'), 0, 'a game does not see its own night');
  assert.equal(r.rating('CLE', '2017-10-18'), 1);
  assert.equal(r.rating('BOS', '2017-10-18'), -1);
  assert.equal(r.rating('HOU', '2017-10-18'), 0.4);
  assert.equal(r.expectedFor('3'), 2 - 1 - 0);
  assert.equal(r.expectedMargin('CLE', 'HOU', '2017-10-19'), 2 + 1 - 0.4);
  assert.equal(r.expectedFor('unknown'), undefined);
  assert.equal(r.expectedMargin('XYZ', 'QQQ', 'not a date'), 2, 'teams never seen are average; a bad date is no error');
});

test('a new season keeps carryOver of each rating, across a relocation', () => {
  const r = new TeamRatings([game('1', '2012-04-20', 'NJN', 'BOS', 32, '2011-12'), game('2', '2012-11-01', 'BKN', 'TOR', 0, '2012-13')], params);
  // The 32-point win is clipped to 30: (30 − 2) × 0.1 = 2.8, then halved by the new season.
  assert.ok(Math.abs(r.rating('NJN', '2012-04-21') - 2.8) < 1e-12);
  assert.ok(Math.abs(r.rating('BKN', '2012-11-01') - 1.4) < 1e-12);
  assert.ok(Math.abs((r.expectedFor('2') as number) - 3.4) < 1e-12);
  assert.throws(() => new TeamRatings([], { ...params, k: 0 }), { code: 'invalid_option', message: 'rating k must be in (0, 1), got 0' });
});

test('fitted on real seasons, the ratings explain a good share of the next seasons\' margins', (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const games = loadDataDir(dataDir).map(ratedGame);
  const fitted = fitRatingParams(games.filter((g) => g.season >= '2008-09' && g.season <= '2014-15'));
  assert.ok(fitted.homeAdvantage > 2 && fitted.homeAdvantage < 4, `home advantage ${fitted.homeAdvantage}`);
  const ratings = new TeamRatings(games, fitted);
  const later = games.filter((g) => g.season >= '2015-16');
  const mse = later.reduce((s, g) => s + (g.margin - (ratings.expectedFor(g.gameId) as number)) ** 2, 0) / later.length;
  const mean = later.reduce((s, g) => s + g.margin, 0) / later.length;
  const variance = later.reduce((s, g) => s + (g.margin - mean) ** 2, 0) / later.length;
  // Measured: 2015-16..2017-18 margins have variance 184, the ratings leave 153 of it.
  assert.ok(mse < 0.85 * variance, `mse ${mse.toFixed(1)} vs variance ${variance.toFixed(1)}`);
});

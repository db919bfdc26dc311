import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireDataDir } from '../../../test/support/data.ts';
import { loadDataDir } from '../dataset.ts';
import { DEFAULT_RATING_PARAMS } from '../ratings.ts';
import type { InGameExample } from './fit.ts';
import { centre, fitTarget, situationOf } from './fit.ts';
import { intervalLevels, QUANTILE_LEVELS } from './levels.ts';
import { WEIGHT } from './situation.ts';
import { quantileOf } from './table.ts';
import { actualOf } from './targets.ts';
import { ratingsOf } from './training.ts';

test('fitted on earlier seasons and calibrated on the next, the intervals cover a held-out season', (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const games = loadDataDir(dataDir).filter((g) => g.season >= '2010-11' && g.season <= '2015-16');
  const ratings = ratingsOf(games, DEFAULT_RATING_PARAMS);
  const examples: InGameExample[] = games.map((game) => ({ game, expected: ratings.expectedFor(game.gameId) as number }));
  const fits = fitTarget('final', examples.filter((e) => e.game.season <= '2013-14'), examples.filter((e) => e.game.season === '2014-15'), { pool: 2 });
  assert.deepEqual(fits.map((f) => f.minute), Array.from({ length: 47 }, (_, i) => i + 1));
  const test2015 = examples.filter((e) => e.game.season === '2015-16');
  for (const minute of [6, 24, 42]) {
    const fit = (fits[minute - 1] as (typeof fits)[number]).withoutPossession;
    // Leads shrink: the change still to come leans against the margin, and toward the favourite.
    assert.ok((fit.weights[WEIGHT.margin] as number) < 0 && (fit.weights[WEIGHT.expectedMargin] as number) > 0, `minute ${minute}: ${fit.weights.join(', ')}`);
    for (const coverage of [0.5, 0.8, 0.95]) {
      const { lower, upper } = intervalLevels(coverage);
      const inside = test2015.filter((e) => {
        const mu = centre(fit, situationOf(e, minute), false);
        const z = (actualOf(e.game, 'final') - mu) / fit.scale;
        return z >= quantileOf(fit.table, QUANTILE_LEVELS[lower] as number) && z <= quantileOf(fit.table, QUANTILE_LEVELS[upper] as number);
      }).length / test2015.length;
      // Static calibration (no online adaptation) on one held-out season: within 3 binomial standard errors.
      const tolerance = 3 * Math.sqrt((coverage * (1 - coverage)) / test2015.length);
      assert.ok(Math.abs(inside - coverage) <= tolerance, `minute ${minute}, ${coverage}: ${inside.toFixed(3)}`);
    }
  }
  // Without play-by-play both variants learn the same model; the possession column stays at zero weight.
  const last = fits.at(-1) as (typeof fits)[number];
  assert.equal(last.minute, 47);
  assert.equal(last.withPossession.weights[WEIGHT.possession], 0);
});

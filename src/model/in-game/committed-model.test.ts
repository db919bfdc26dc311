import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { requireDataDir } from '../../../test/support/data.ts';
import { PROJECT_ROOT } from '../../data/location.ts';
import { loadDataDir } from '../dataset.ts';
import { loadInGameModel } from '../index.ts';
import { finalMarginBars, winProbabilityBars } from './acceptance.ts';
import { readInGameModel } from './artifact.ts';
import { BrownianBaseline } from './brownian.ts';
import { runGames } from './evaluation.ts';
import { CHECKPOINT_MINUTES, marginScores, winScores } from './scores.ts';

const MODEL_DIR = path.join(PROJECT_ROOT, 'models/in-game');

/**
 * The committed model on the data it was calibrated with (2017-18, its last season), from the
 * games file alone: a guard that the artifact meets the bars. The held-out check of the
 * same recipe, season by season, is docs/model-report.md (scripts/model-report.ts), too slow for
 * the suite: it reads six seasons of play-by-play and trains three times.
 */
test('the committed in-game model meets the bars on its calibration season from the games file alone', (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const warnings: string[] = [];
  const model = loadInGameModel({ modelDir: MODEL_DIR, dataDir, warn: (m) => warnings.push(m) });
  const artifact = readInGameModel(MODEL_DIR);
  assert.deepEqual(warnings, [], 'the dataset must be the one the model was trained on');
  assert.equal(artifact.metadata.trained_through, '2017-18');
  assert.equal(model.modelVersion, artifact.metadata.model_version);
  const runs = runGames(model, loadDataDir(dataDir).filter((g) => g.season === '2017-18'));
  const baseline = new BrownianBaseline(artifact.brownian_sigma);
  const missed = CHECKPOINT_MINUTES.flatMap((m) => [...finalMarginBars(marginScores(runs, 'final', m, baseline)), ...winProbabilityBars(winScores(runs, m, baseline))]).filter((b) => !b.met);
  assert.deepEqual(missed, []);
});

test('the committed in-game model answers any live situation with finite, ordered forecasts', (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const model = loadInGameModel({ modelDir: MODEL_DIR, dataDir });
  const cases = [
    { context: { gameId: '0022500001', homeTeam: 'OKC', awayTeam: 'HOU', gameDate: '2025-10-21' }, pattern: [2, 5, 3] },
    { context: { gameId: '0022500002', homeTeam: 'XYZ', awayTeam: 'QQQ', gameDate: 'not a date' }, pattern: new Array<number>(30).fill(-12) },
    { context: { gameId: '0022500003', homeTeam: 'LAL', awayTeam: 'GSW', gameDate: '2025-12-25' }, pattern: new Array<number>(47).fill(95) },
    { context: { gameId: '0022500004', homeTeam: 'LAL', awayTeam: 'GSW', gameDate: '2025-12-25' }, pattern: [...new Array<number>(48).fill(0), 1, 3, -2] },
  ];
  for (const c of cases) {
    for (const possession of ['home', 'away', undefined] as const) {
      const f = model.forecast({ ...c, minute: c.pattern.length, possession });
      const all = [f.final.point, ...f.final.quantiles, ...(f.halftime?.quantiles ?? []), f.homeWinProbability];
      assert.ok(all.every(Number.isFinite), JSON.stringify(f));
      assert.ok(f.final.quantiles.every((q, i) => i === 0 || q >= (f.final.quantiles[i - 1] as number)));
      assert.ok(f.homeWinProbability > 0 && f.homeWinProbability < 1);
    }
  }
  // Up 95 with a minute left: as sure as the model ever says.
  assert.equal(model.forecast({ ...(cases[2] as (typeof cases)[number]), minute: 47 }).homeWinProbability, 0.999);
});

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { requireDataDir } from '../../test/support/data.ts';
import { loadDataDir } from './dataset.ts';
import { HALFTIME_MINUTE, marginAt } from './game-time.ts';
import { PATTERN_MINUTES } from './predictor.ts';
import { toExamples } from './examples.ts';
import { modelFromGames } from './index.ts';
import { LstmForecaster } from './lstm-forward.ts';
import { lstmWeightsFromArtifacts } from './lstm-artifacts.ts';
import { loadLstmModel, tfPredictChanges } from './lstm-training.ts';
import { readModel, writeModel } from './model-files.ts';
import { TeamHistory } from './team-form.ts';
import { trainHalftime } from './training.ts';

test('a short training run on three seasons learns, saves, and reloads to identical forecasts', async (t) => {
  const dir = requireDataDir(t, 'minute_diffs.csv');
  if (!dir) return;
  const games = loadDataDir(dir).filter((g) => g.season >= '2015-16');
  const stages = new Set<string>();
  // Possession that knows which way the last six minutes went: its weight must come out large.
  const possessions = new Map(games.map((g) => {
    const p = new Int8Array(48);
    p[PATTERN_MINUTES - 1] = marginAt(g.d, HALFTIME_MINUTE) >= marginAt(g.d, PATTERN_MINUTES) ? 1 : -1;
    return [g.gameId, p];
  }));
  const artifacts = await trainHalftime(games, {
    possessions,
    from: '2015-16',
    until: '2017-18',
    dataFile: { file: 'minute_diffs.csv', sha256: 'a'.repeat(64) },
    lstm: { units: 8, maxEpochs: 4, patience: 2 },
    dejavuGrid: { windows: [2, 6], ks: [25, 100], metrics: ['l1'], levelWeights: [1, 3] },
    onProgress: (p) => stages.add(p.stage),
  });
  const m = artifacts.metadata;
  assert.deepEqual(m.seasons, { train: ['2015-16', '2016-17'], tune: '2017-18', reference: { from: '2015-16', through: '2017-18' } });
  assert.match(m.model_version, /^halftime-2017-18-[0-9a-f]{8}$/);
  assert.equal(m.lstm.backend, 'wasm', 'the LSTM must train on the tfjs wasm backend');
  const [untrained, ...epochs] = m.lstm.validation_loss;
  assert.ok(Math.min(...epochs) < (untrained as number), `validation loss must fall: ${m.lstm.validation_loss.join(', ')}`);
  assert.ok(m.lstm.best_epoch >= 1);
  const weights = Object.values(artifacts.ensemble.weights);
  assert.ok(weights.every((w) => w >= 0) && Math.abs(weights.reduce((s, w) => s + w, 0) - 1) < 1e-9);
  assert.ok(stages.has('lstm epochs') && stages.has('dejavu tuning') && stages.has('done'));

  const out = mkdtempSync(path.join(tmpdir(), 'courtside-model-'));
  writeModel(out, artifacts);
  const reloaded = readModel(out);
  const sample = games.filter((g) => g.season === '2017-18').slice(0, 150);
  const fresh = modelFromGames(artifacts, games);
  const again = modelFromGames(reloaded, games);
  const beta = artifacts.ensemble.possession_weight ?? 0;
  assert.ok(beta > 2, `possession weight ${beta}`);
  for (const g of sample) {
    const context = { gameId: g.gameId, homeTeam: g.homeTeam, awayTeam: g.awayTeam, gameDate: g.gameDate };
    const pattern = g.d.slice(0, 18);
    const a = fresh.predict(pattern, context);
    assert.deepEqual(again.predict(pattern, context), a);
    assert.ok(a.lower <= a.point && a.point <= a.upper);
    // Unknown possession is the ensemble alone; known, it moves the point by the weight, never the components.
    const home = fresh.predict(pattern, { ...context, possession: 'home' });
    const away = fresh.predict(pattern, { ...context, possession: 'away' });
    assert.ok(Math.abs(home.point - a.point - beta) < 1e-9 && Math.abs(a.point - away.point - beta) < 1e-9);
    assert.deepEqual(home.components, a.components);
  }

  // tfjs itself, reloading the saved artifacts from memory, agrees with the hand-written pass.
  const tfModel = await loadLstmModel(reloaded.lstm);
  const examples = toExamples(sample, new TeamHistory(games));
  const byTf = await tfPredictChanges(tfModel, examples);
  const byHand = new LstmForecaster(lstmWeightsFromArtifacts(reloaded.lstm));
  examples.forEach((e, i) => {
    assert.ok(Math.abs(byHand.predictChange(e.pattern, e.features) - (byTf[i] as number)) < 1e-4);
  });
  tfModel.dispose();
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../data/location.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadHalftimeModel } from '../data/models.ts';
import { readModel } from '../data/model-dir.ts';

const MODEL_DIR = path.join(PROJECT_ROOT, 'models/halftime');

test('the committed model loads with the dataset and forecasts finite, ordered intervals', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const warnings: string[] = [];
  const model = await loadHalftimeModel({ modelDir: MODEL_DIR, dataDir, warn: (m) => warnings.push(m) });
  const metadata = readModel(MODEL_DIR).metadata;
  assert.equal(model.modelVersion, metadata.model_version);
  assert.equal(metadata.trained_through, '2017-18');
  assert.deepEqual(warnings, [], 'the dataset must be the one the model was trained on');

  const cases: Array<[number[], { gameId: string; homeTeam: string; awayTeam: string; gameDate: string }]> = [
    // A 2017-18 game with season-to-date records, a live 2025-26 game the data has never seen
    // (neutral context), a team that does not exist, and absurd but finite patterns.
    [[2, 4, 1, 0, -3, -5, -2, 0, 3, 6, 8, 7, 9, 12, 10, 11, 13, 14], { gameId: '0021701000', homeTeam: 'BOS', awayTeam: 'CLE', gameDate: '2018-03-01' }],
    [[0, -2, -2, -5, -4, -6, -6, -9, -7, -8, -8, -10, -12, -11, -9, -10, -12, -13], { gameId: '0022500001', homeTeam: 'OKC', awayTeam: 'HOU', gameDate: '2025-10-21' }],
    [new Array<number>(18).fill(0), { gameId: '0022500002', homeTeam: 'XYZ', awayTeam: 'QQQ', gameDate: 'not a date' }],
    [new Array<number>(18).fill(90), { gameId: '0022500003', homeTeam: 'LAL', awayTeam: 'GSW', gameDate: '2025-12-25' }],
    [Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 1e6 : -1e6)), { gameId: '0022500004', homeTeam: 'LAL', awayTeam: 'GSW', gameDate: '2025-12-25' }],
  ];
  for (const [pattern, context] of cases) {
    const f = model.predict(pattern, context);
    assert.ok([f.point, f.lower, f.upper].every(Number.isFinite), JSON.stringify(f));
    assert.ok(f.lower <= f.point && f.point <= f.upper, JSON.stringify(f));
    assert.equal(f.coverage, 0.95);
    assert.deepEqual(Object.keys(f.components).sort(), ['dejavu_prediction', 'linear_prediction', 'lstm_prediction']);
    assert.ok(Object.values(f.components).every(Number.isFinite));
    assert.equal(f.modelVersion, metadata.model_version);
  }
  // Leading by 14 at 18:00 with a strong home team: the forecast stays near the lead.
  const lead = model.predict(cases[0]![0], cases[0]![1]);
  assert.ok(lead.point > 10 && lead.point < 19, `point ${lead.point}`);
  assert.ok(lead.upper - lead.lower > 15 && lead.upper - lead.lower < 30, `width ${lead.upper - lead.lower}`);

  // Halftime results feed adaptive conformal inference: misses widen the next intervals.
  const before = model.predict(cases[1]![0], cases[1]![1]);
  for (let i = 0; i < 20; i++) model.observe({ context: cases[1]![1], pattern: cases[1]![0], forecast: before, actual: before.upper + 10 });
  const after = model.predict(cases[1]![0], cases[1]![1]);
  assert.ok(after.upper - after.lower > before.upper - before.lower);
});

test('a missing model folder is a clear error', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  await assert.rejects(loadHalftimeModel({ modelDir: '/nonexistent/model', dataDir }), { code: 'model_file', message: /cannot read \/nonexistent\/model\/metadata\.json/ });
});

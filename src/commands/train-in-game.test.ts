import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { requireDataDir } from '../../test/support/data.ts';
import { readInGameModel } from '../data/model-dir.ts';
import { loadInGameModel } from '../data/models.ts';
import { WEIGHT } from '../model/in-game/situation.ts';
import { register } from './train.ts';

test('train --forecaster in-game writes a model that loads and forecasts; without play-by-play it learns no possession', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const lines = readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').split('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-train-in-game-'));
  writeFileSync(path.join(dir, 'minute_diffs.csv'), [lines[0], ...lines.filter((l) => /,(2009-10|2010-11|2011-12),/.test(l))].join('\n'));
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  const p = new Command('courtside').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  register(p);
  try {
    await p.parseAsync(['train', '--forecaster', 'in-game', '--data', dir, '--out', path.join(dir, 'model')], { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  assert.match(out.join(''), /^in-game-2011-12-[0-9a-f]{8}: trained on 2009-10\.\.2010-11 \(possession from no season\), calibrated on 2011-12/);
  const artifact = readInGameModel(path.join(dir, 'model'));
  assert.deepEqual(artifact.metadata.seasons, { train: ['2009-10', '2010-11'], calibration: '2011-12', possession: [] });
  assert.ok(artifact.final.every((m) => m.with_possession.weights[WEIGHT.possession] === 0));
  const model = loadInGameModel({ modelDir: path.join(dir, 'model'), dataDir: dir });
  const f = model.forecast({ context: { gameId: '0021200001', homeTeam: 'MIA', awayTeam: 'BOS', gameDate: '2012-10-30' }, minute: 30, pattern: new Array<number>(30).fill(6), possession: 'home' });
  assert.ok(f.homeWinProbability > 0.6 && f.final.point > 3, JSON.stringify(f));
});

test('a model file that is not one is a clear error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-in-game-model-'));
  assert.throws(() => readInGameModel(dir), { code: 'model_file', message: /cannot read .*model\.json/ });
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ metadata: {} }));
  assert.throws(() => readInGameModel(dir), { code: 'model_file', message: /model\.json: metadata\.model_version: / });
});

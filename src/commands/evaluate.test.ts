import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../data/location.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { register } from './evaluate.ts';

function program(): Command {
  const p = new Command('courtside').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  register(p);
  return p;
}

test('evaluate --model --games scores the committed model and writes --json and --predictions', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const lines = readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').split('\n');
  const season = lines.filter((l) => l.includes(',2017-18,')).slice(400, 520);
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-evaluate-'));
  const gamesFile = path.join(dir, 'games.csv');
  writeFileSync(gamesFile, [lines[0], ...season].join('\n'));
  const json = path.join(dir, 'out.json');
  const csv = path.join(dir, 'out.csv');
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await program().parseAsync(['evaluate', '--model', path.join(PROJECT_ROOT, 'models/halftime'), '--data', dataDir, '--games', gamesFile, '--json', json, '--predictions', csv], { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  assert.match(out.join(''), /forecaster\s+weight\s+games\s+MAE/);
  const summary = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown> & { components: Record<string, Record<string, number>>; baselines: Record<string, Record<string, number>> };
  for (const scores of [summary, summary.components.dejavu, summary.components.lstm, summary.components.linear, summary.baselines.persistence, summary.baselines.linear_margins]) {
    assert.ok(scores);
    for (const key of ['games', 'mae', 'rmse', 'skill', 'coverage', 'mean_width', 'winkler']) assert.equal(typeof scores[key], 'number', key);
    assert.equal(scores.games, 120);
  }
  assert.equal(summary.baselines.persistence?.skill, 0);
  const rows = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'game_id,d18,actual,point,lower,upper,dejavu_prediction,lstm_prediction,linear_prediction');
  assert.equal(rows.length, 121);
  for (const row of rows.slice(1)) {
    const [, d18, actual, point, lower, upper] = row.split(',').map(Number);
    assert.ok(Number.isInteger(d18) && Number.isInteger(actual));
    assert.ok((lower as number) <= (point as number) && (point as number) <= (upper as number), row);
  }
});

test('evaluate rejects a bad combination of options with a clear message', async () => {
  const errors: string[] = [];
  const p = program().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  await assert.rejects(p.parseAsync(['evaluate', '--data', '/tmp', '--test', '2017-18', '--games', 'x.csv'], { from: 'user' }), { exitCode: 2 });
  assert.match(errors.join(''), /evaluate: use either --test SEASON, or --model DIR with --games FILE/);
  await assert.rejects(p.parseAsync(['evaluate', '--data', '/tmp', '--test', '2017'], { from: 'user' }), { exitCode: 2 });
  assert.match(errors.join(''), /--test must be a season like 2017-18, got 2017/);
});

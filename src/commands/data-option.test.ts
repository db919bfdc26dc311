import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../data/location.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { register as evaluate } from './evaluate.ts';
import { register as train } from './train.ts';

function program(errors: string[] = []): Command {
  const p = new Command('courtside').exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  train(p);
  evaluate(p);
  return p;
}

async function stdoutOf(run: () => Promise<unknown>): Promise<string> {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

test('evaluate --data A --data B reads both folders as one dataset (a game in both counted once)', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const lines = readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').split(/\r?\n/);
  const season = lines.filter((l) => l.includes(',2017-18,'));
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-data-option-'));
  // A second folder holding the same rows as the first for part of the season, as a pull of it would.
  writeFileSync(path.join(dir, 'minute_diffs.csv'), [lines[0], ...season.slice(0, 300), ''].join('\n'));
  const gamesFile = path.join(dir, 'games.csv');
  writeFileSync(gamesFile, [lines[0], ...season.slice(400, 440), ''].join('\n'));
  const json = path.join(dir, 'out.json');
  const warnings: string[] = [];
  const stderr = process.stderr.write;
  process.stderr.write = ((chunk: string) => warnings.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await stdoutOf(() => program().parseAsync(['evaluate', '--model', path.join(PROJECT_ROOT, 'models/halftime'), '--data', dataDir, '--data', dir, '--games', gamesFile, '--json', json], { from: 'user' }));
  } finally {
    process.stderr.write = stderr;
  }
  assert.equal((JSON.parse(readFileSync(json, 'utf8')) as { games: number }).games, 40);
  assert.match(warnings.join(''), /minute_diffs\.csv \+ .*minute_diffs\.csv differs from the data the model was trained on/);
});

test('train refuses two folders that disagree on a game, naming the game and both files', async (t) => {
  const a = mkdtempSync(path.join(tmpdir(), 'courtside-data-a-'));
  const b = mkdtempSync(path.join(tmpdir(), 'courtside-data-b-'));
  const header = `game_id,season,game_date,home_team,away_team,${Array.from({ length: 48 }, (_, i) => `d${i + 1}`).join(',')},final_home,final_away,ot_periods`;
  const row = (d48: number, home: number) => `0022400001,2024-25,2024-10-22,BOS,NYK,${Array.from({ length: 47 }, () => 0).join(',')},${d48},${home},100,0`;
  writeFileSync(path.join(a, 'minute_diffs.csv'), `${header}\n${row(9, 109)}\n`);
  writeFileSync(path.join(b, 'minute_diffs.csv'), `${header}\n${row(10, 110)}\n`);
  const errors: string[] = [];
  await assert.rejects(program(errors).parseAsync(['train', '--data', a, '--data', b, '--out', path.join(a, 'model')], { from: 'user' }), { exitCode: 1, code: 'dataset_conflict' });
  assert.equal(errors.join(''), `courtside train: game 0022400001 differs between ${path.join(a, 'minute_diffs.csv')} and ${path.join(b, 'minute_diffs.csv')}\n`);
  t.diagnostic('the same folder twice is one dataset, not a conflict');
  await assert.rejects(program(errors).parseAsync(['train', '--data', a, '--data', a, '--out', path.join(a, 'model')], { from: 'user' }), { exitCode: 1, code: 'dataset_empty' });
});

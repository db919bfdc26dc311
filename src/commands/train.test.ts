import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { register } from './train.ts';

function program(errors: string[]): Command {
  const p = new Command('courtside').exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  register(p);
  return p;
}

test('train refuses a malformed season and a corrupt dataset, naming what is wrong', async () => {
  const errors: string[] = [];
  await assert.rejects(program(errors).parseAsync(['train', '--data', '/tmp', '--until', '2018'], { from: 'user' }), { exitCode: 2 });
  assert.match(errors.join(''), /train: --until must be a season like 2017-18, got 2018/);

  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-train-'));
  writeFileSync(path.join(dir, 'minute_diffs.csv'), 'game_id,season\n1,2\n');
  await assert.rejects(program(errors).parseAsync(['train', '--data', dir, '--out', path.join(dir, 'model')], { from: 'user' }), { exitCode: 1, code: 'dataset_header' });
  assert.match(errors.join(''), /minute_diffs\.csv:1: header must be exactly game_id,season,game_date/);
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { requireDataDir } from '../../test/support/data.ts';
import { PROJECT_ROOT } from '../data/location.ts';
import { register } from './evaluate.ts';

function program(errors: string[] = []): Command {
  const p = new Command('courtside').exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  register(p);
  return p;
}

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await program().parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

const QUANTILE_COLUMNS = 'q025,q05,q10,q15,q20,q25,q30,q35,q40,q45,q50,q55,q60,q65,q70,q75,q80,q85,q90,q95,q975';

test('evaluate --target scores the committed whole-game model on a games file, one CSV row per game and minute', async (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  const lines = readFileSync(path.join(dataDir, 'minute_diffs.csv'), 'utf8').split('\n');
  // A later season the data folder has no play-by-play for: 2017-18 games renamed 2018-19, from its games file alone.
  const games = lines.filter((l) => l.includes(',2017-18,')).slice(400, 520).map((l) => {
    const f = l.split(',');
    const [year, ...monthDay] = (f[2] as string).split('-');
    return [(f[0] as string).replace(/^00217/, '00218'), '2018-19', [Number(year) + 1, ...monthDay].join('-'), ...f.slice(3)].join(',');
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'courtside-evaluate-in-game-'));
  const gamesFile = path.join(dir, 'games.csv');
  writeFileSync(gamesFile, [lines[0], ...games].join('\n'));
  const model = path.join(PROJECT_ROOT, 'models/in-game');
  const base = ['evaluate', '--model', model, '--data', dataDir, '--games', gamesFile];

  const finalCsv = path.join(dir, 'final.csv');
  const json = path.join(dir, 'final.json');
  const printed = await run([...base, '--target', 'final', '--predictions', finalCsv, '--json', json]);
  assert.match(printed, /target final, 120 games/);
  assert.match(printed, /minute\s+games\s+MAE\s+persistence/);
  const rows = readFileSync(finalCsv, 'utf8').trim().split('\n');
  assert.equal(rows[0], `game_id,minute,point,${QUANTILE_COLUMNS},home_win_probability`);
  assert.equal(rows.length, 1 + 120 * 47);
  for (const row of rows.slice(1)) {
    const [id, minute, point, ...rest] = row.split(',');
    assert.match(id as string, /^00218\d{5}$/);
    const quantiles = rest.slice(0, 21).map(Number);
    const p = Number(rest[21]);
    assert.ok(Number(minute) >= 1 && Number(minute) <= 47);
    assert.ok(quantiles.every((q, i) => i === 0 || q >= (quantiles[i - 1] as number)), row);
    assert.ok(Number.isFinite(Number(point)) && (quantiles[0] as number) < Number(point) && Number(point) < (quantiles[20] as number), row);
    assert.ok(p > 0 && p < 1, row);
  }
  const summary = JSON.parse(readFileSync(json, 'utf8')) as { target: string; games: number; checkpoints: Array<{ minute: number; mae: number; crps: number; pit: number[]; coverage: Record<string, number> }>; bars: unknown[] };
  assert.equal(summary.games, 120);
  assert.deepEqual(summary.checkpoints.map((c) => c.minute), [6, 12, 18, 24, 30, 36, 42, 46]);
  assert.ok(summary.checkpoints.every((c) => c.mae > 0 && c.crps > 0 && c.pit.length === 10 && Object.keys(c.coverage).length === 3));
  assert.equal(summary.bars.length, 8 * 4);

  const halftimeCsv = path.join(dir, 'halftime.csv');
  assert.match(await run([...base, '--target', 'halftime', '--predictions', halftimeCsv]), /target halftime/);
  const halftime = readFileSync(halftimeCsv, 'utf8').trim().split('\n');
  assert.equal(halftime[0], rows[0]);
  assert.equal(halftime.length, 1 + 120 * 23);
  assert.deepEqual(new Set(halftime.slice(1).map((r) => Number(r.split(',')[1]))), new Set(Array.from({ length: 23 }, (_, i) => i + 1)));

  const win = await run([...base, '--target', 'win']);
  assert.match(win, /log loss\s+Brownian\s+Brier/);
  assert.equal(win.trim().split('\n').filter((l) => /^\s+\d+\s+120\s/.test(l)).length, 8);
});

test('evaluate --target refuses an unknown target', async () => {
  const errors: string[] = [];
  await assert.rejects(program(errors).parseAsync(['evaluate', '--data', '/tmp', '--test', '2017-18', '--target', 'spread'], { from: 'user' }), { exitCode: 2, code: 'invalid_config' });
  assert.equal(errors.join(''), 'courtside evaluate: --target must be one of final|halftime|win, got spread\n');
});

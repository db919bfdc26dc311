import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { ScoreboardDocument } from '../feed/nba-schemas.ts';
import { PROJECT_ROOT } from '../data/location.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { get, json } from './testing/http.ts';

const CLI = path.join(PROJECT_ROOT, 'src/cli.ts');

function courtside(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.splice(0)) {
      const m = stdout.match(w.pattern);
      if (m) w.resolve(m);
      else waiters.push(w);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves when stdout matches (or rejects when the process exits first). */
    waitFor: (pattern: RegExp) =>
      Promise.race([
        new Promise<RegExpMatchArray>((resolve) => {
          const m = stdout.match(pattern);
          if (m) resolve(m);
          else waiters.push({ pattern, resolve });
        }),
        exited.then((code) => Promise.reject(new Error(`exited ${code} before ${pattern}: ${stdout}${stderr}`))),
      ]),
  };
}

test('courtside replay serves a night until Ctrl-C, printing the feed URL', async (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const run = courtside(['replay', '--data', dataDir, '--date', '2018-01-01', '--speed', '10000', '--port', '0']);
  t.after(() => run.child.kill('SIGKILL'));
  const [, url] = (await run.waitFor(/feed URL: (http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData)\n/)) as [string, string];
  assert.match(run.output().stdout, /^Courtside replay: 2018-01-01, 4 games at speed 10000 /);
  const board = ScoreboardDocument.parse(json(await get(`${url}/scoreboard/todaysScoreboard_00.json`)));
  assert.equal(board.scoreboard.gameDate, '2018-01-01');
  assert.equal(board.scoreboard.games.length, 4);
  await run.waitFor(/every game is final; still serving/);
  const final = ScoreboardDocument.parse(json(await get(`${url}/scoreboard/todaysScoreboard_00.json`)));
  assert.ok(final.scoreboard.games.every((g) => g.gameStatus === 3));
  run.child.kill('SIGINT');
  assert.equal(await run.exited, 0);
});

test('courtside replay --list prints the nights; bad options exit 2 with a clear message', async (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const list = courtside(['replay', '--data', dataDir, '--list']);
  assert.equal(await list.exited, 0);
  const lines = list.output().stdout.trim().split('\n');
  assert.equal(lines.length, 168);
  assert.ok(lines.includes('2017-11-22  2017-18  14 games'));

  for (const [args, message] of [
    [['--speed', 'fast'], 'courtside replay: --speed must be a positive number, got fast'],
    [['--port', '99999'], 'courtside replay: --port must be an integer 0..65535, got 99999'],
    [['--date', '2017-07-04'], 'courtside replay: no games on 2017-07-04 in minute_diffs.csv: courtside replay --list shows the nights there are'],
    [['--data', '/nonexistent'], 'courtside replay: no dataset at /nonexistent/minute_diffs.csv: point --data (or NBA_DATA_DIR) at a folder holding minute_diffs.csv, e.g. ../shared/nba'],
  ] as const) {
    const bad = courtside(['replay', '--data', dataDir, ...args]);
    assert.equal(await bad.exited, 2, args.join(' '));
    assert.equal(bad.output().stderr, `${message}\n`);
  }
});

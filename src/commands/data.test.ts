import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { CliProcess } from '../../test/support/cli-process.ts';
import { pulledGames } from '../data/pulled.ts';
import type { FaultRequest } from '../replay/faults.ts';
import { GAME_IDS, pulledRows, SEASON, startPullCdn, testSeason } from '../pull/testing/season.ts';

/** Waits until `n` games are in the folder (the child is held on the next one by a hanging request). */
async function gamesPulled(dir: string, n: number, child: CliProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (pulledGames(dir, SEASON).length < n) {
    if (!child.running) throw new Error(`exited before pulling ${n} games: ${child.stderr}`);
    if (Date.now() > deadline) throw new Error(`${pulledGames(dir, SEASON).length} of ${n} games pulled in 60 s`);
    await sleep(50);
  }
}

test('courtside data pull: Ctrl-C and kill -9 mid-season lose nothing, and the third run fetches only what is missing', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  // One game at a time, held on game 10's boxscore, then on game 15's: the pull is stopped there.
  let holdOn = '0021700010';
  const cdn = await startPullCdn(t, season.night, (r: FaultRequest) => (r.gameId === holdOn && r.kind === 'boxscore' ? { kind: 'hang' } : undefined));
  const to = mkdtempSync(path.join(tmpdir(), 'courtside-data-pull-'));
  const args = ['data', 'pull', '--season', SEASON, '--to', to, '--feed-url', cdn.url, '--concurrency', '1'];

  const interrupted = new CliProcess(args);
  t.after(() => interrupted.kill());
  await gamesPulled(to, 9, interrupted);
  await sleep(100);
  assert.equal(await interrupted.kill('SIGINT').then((e) => e.code), 130);
  assert.match(interrupted.stdout, /^2017-18: 9 games in .*minute_diffs\.csv \(9 pulled now, 0 already there; \d+ requests in [\d.]+ s\)\nstopped: interrupted; run the same command again to go on\n$/);
  assert.match(interrupted.stderr, /courtside data pull: stopping; what is fetched is kept/);
  assert.match(interrupted.stderr, /pull 2017-18: 0\/24 games, 0 skipped/, 'progress lines, stderr being a pipe');
  assert.deepEqual(pulledRows(to), GAME_IDS.slice(0, 9).map((id) => season.rows.get(id)));

  holdOn = '0021700015';
  const killed = new CliProcess(args);
  t.after(() => killed.kill());
  await gamesPulled(to, 14, killed);
  assert.equal((await killed.kill('SIGKILL')).signal, 'SIGKILL');

  holdOn = '';
  cdn.requests.length = 0;
  const last = new CliProcess(args);
  t.after(() => last.kill());
  assert.equal((await last.exited).code, 0, last.stderr);
  assert.match(last.stdout, /^2017-18: 24 games in .*minute_diffs\.csv \(10 pulled now, 14 already there; 21 requests in [\d.]+ s\)\n$/);
  assert.deepEqual(cdn.requests.map((r) => r.gameId ?? r.kind), ['schedule', ...GAME_IDS.slice(14).flatMap((id) => [id, id])]);
  assert.deepEqual(pulledRows(to), GAME_IDS.map((id) => season.rows.get(id)));
});

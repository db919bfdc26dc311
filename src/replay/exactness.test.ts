/**
 * Acceptance point 2 of issue 2: for every game of `pbp_2017-18.csv`, the play-by-play the replay
 * serves, fed through the tracker's `buildMinutePattern`, gives d1..d48 equal to `minute_diffs.csv`.
 * Games the dataset dropped as invalid are absent from `minute_diffs.csv`; they are listed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMinutePattern } from '../game/pattern.ts';
import type { LiveAction } from '../game/types.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadSeasonGames } from './dataset.ts';
import { playByPlayDocument } from './documents.ts';
import { timeGame } from './night.ts';

const SEASON = '2017-18';

test(`exactness: served play-by-play reproduces minute_diffs.csv d1..d48 for every game of ${SEASON}`, (t) => {
  const dataDir = requireDataDir(t, `pbp_${SEASON}.csv`, 'minute_diffs.csv');
  if (!dataDir) return;
  const started = performance.now();
  const { games, unplaced, absent } = loadSeasonGames(dataDir, SEASON);
  const loadMs = performance.now() - started;
  const mismatches: string[] = [];
  const earlyMismatches: string[] = [];
  let missingScores = 0;
  let fallback = 0;
  for (const loaded of games) {
    const game = timeGame(loaded);
    const { info } = loaded;
    missingScores += game.missingScores.length;
    if (game.pacing === 'fallback') fallback++;
    // Exactly what a client receives once the game is over: the served document, as JSON.
    const served = JSON.parse(JSON.stringify(playByPlayDocument(game, game.endsAt))) as { game: { actions: LiveAction[] } };
    const got = buildMinutePattern(served.game.actions).pattern.slice(0, 48);
    const diff = got.findIndex((d, k) => d !== info.d[k]);
    if (got.length !== 48 || diff !== -1) {
      mismatches.push(`${info.gameId} (${info.gameDate} ${info.awayTeam}@${info.homeTeam}): d${diff + 1} served ${got[diff]}, minute_diffs ${info.d[diff]}`);
    }
    // And at the moment the feed first shows the game past 18:00, d1..d18 are already all there.
    const past18 = game.actions.find((a) => a.elapsed > 18 * 60);
    assert.ok(past18, info.gameId);
    const early = buildMinutePattern(game.actions.filter((a) => a.publishAt <= past18.publishAt).map((a) => a.action)).pattern.slice(0, 18);
    if (early.length !== 18 || early.some((d, k) => d !== info.d[k])) earlyMismatches.push(`${info.gameId}: [${early.join(',')}]`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  t.diagnostic(`checked ${games.length}, matched ${games.length - mismatches.length} (load ${(loadMs / 1000).toFixed(1)} s, total ${seconds} s)`);
  t.diagnostic(`dropped by the dataset (in pbp, not in minute_diffs.csv): ${unplaced.length ? unplaced.join(', ') : 'none'}`);
  t.diagnostic(`made shots or free throws without SCORE: ${missingScores}; games paced without usable stamps: ${fallback}`);
  for (const m of mismatches) t.diagnostic(`mismatch ${m}`);
  assert.deepEqual(absent, [], 'every game of minute_diffs.csv for the season has play-by-play');
  assert.ok(games.length >= 1200, `${games.length} games`);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(earlyMismatches, []);
});

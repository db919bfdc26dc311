/**
 * `data pull` against the fake CDN serving a small 2017-18 season in the CDN's formats, faults
 * included. Acceptance of issue 15: the rows pulled equal the dataset's rows, and a pull
 * interrupted and run again fetches only what was missing (counted at the CDN).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { pulledFile, pulledGames } from '../data/pulled.ts';
import { accessDenied, tooManyRequests } from '../replay/faults.ts';
import { get } from '../replay/testing/http.ts';
import { pullSeason } from './pull.ts';
import type { SeasonReport } from './report.ts';
import { allOf, firstTimes, GAME_IDS, pulledRows, QUICK_FEED, SEASON, startPullCdn, testSeason } from './testing/season.ts';

const folder = (): string => mkdtempSync(path.join(tmpdir(), 'courtside-pull-'));

test('a season with a 403 game, a 429, cut-off bodies: every other row equals the dataset; the rerun fetches only the missing game', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const [refused, limited, cut, dropped] = ['0021700005', '0021700009', '0021700013', '0021700020'];
  const cdn = await startPullCdn(t, season.night, allOf(
    (r) => (r.gameId === refused ? accessDenied(`http://cdn.nba.com/static/json/liveData/${r.kind}/${r.kind}_${refused}.json`) : undefined),
    firstTimes(1, tooManyRequests(1), (r) => r.gameId === limited && r.kind === 'playbyplay'),
    firstTimes(1, { kind: 'truncate' }, (r) => r.gameId === cut && r.kind === 'boxscore'),
    firstTimes(1, { kind: 'truncate', abort: true }, (r) => r.gameId === dropped && r.kind === 'playbyplay'),
  ));
  const to = folder();
  const first = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });

  const others = GAME_IDS.filter((id) => id !== refused);
  assert.deepEqual(pulledRows(to), others.map((id) => season.rows.get(id)));
  assert.deepEqual(first.report.skipped.map((s) => [s.game_id, s.reason]), [[refused, 'missing']]);
  assert.match(first.report.skipped[0]?.detail ?? '', /^403 Forbidden from http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData\/boxscore\/boxscore_0021700005\.json: HTML page "Access Denied"$/);
  assert.deepEqual(pick(first.report), { games_from: 'the schedule (24 regular-season games)', in_dataset: 23, pulled_now: 23, already_there: 0, stopped: null });
  assert.deepEqual(cdn.requestsFor(refused), ['boxscore'], 'a game without its boxscore is not asked for its play-by-play');
  assert.deepEqual(cdn.requestsFor(limited), ['boxscore', 'playbyplay', 'playbyplay']);
  const [limitedAt, retriedAt] = cdn.requests.filter((r) => r.gameId === limited && r.kind === 'playbyplay').map((r) => r.at) as [number, number];
  assert.ok(retriedAt - limitedAt >= 950, `asked again after ${(retriedAt - limitedAt).toFixed(0)} ms, not the 1 s of Retry-After`);
  assert.deepEqual(cdn.requestsFor(cut), ['boxscore', 'boxscore', 'playbyplay']);
  assert.deepEqual(cdn.requestsFor(dropped), ['boxscore', 'playbyplay', 'playbyplay']);
  assert.equal(first.report.requests, cdn.requests.length);
  for (const kind of ['playbyplay', 'boxscore'] as const) {
    // Kept byte for byte as the CDN sends it.
    const served = await get(`${cdn.url}/${kind}/${kind}_${limited}.json`);
    assert.equal(gunzip(pulledFile(to, SEASON, kind, limited)), served.body.toString('utf8'));
  }
  assert.equal(existsSync(pulledFile(to, SEASON, 'boxscore', refused)), false);

  cdn.faults = () => undefined;
  cdn.requests.length = 0;
  const second = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });
  assert.deepEqual(cdn.requests.map((r) => [r.kind, r.gameId]), [['schedule', undefined], ['boxscore', refused], ['playbyplay', refused]]);
  assert.deepEqual(pulledRows(to), GAME_IDS.map((id) => season.rows.get(id)));
  assert.deepEqual(pick(second.report), { games_from: 'the schedule (24 regular-season games)', in_dataset: 24, pulled_now: 1, already_there: 23, stopped: null });
  assert.deepEqual(second.report.skipped, []);
});

test('interrupted half way and run again, the pull fetches each game exactly once in all', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const cdn = await startPullCdn(t, season.night);
  const to = folder();
  const controller = new AbortController();
  let finished = 0;
  const first = await pullSeason({
    season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED, concurrency: 2, signal: controller.signal,
    progress: { start: () => {}, stop: () => {}, update: ({ done }) => void (done >= 9 && (finished = done, controller.abort())) },
  });
  assert.equal(first.report.stopped, 'interrupted');
  const kept = pulledGames(to, SEASON);
  assert.ok(kept.length >= 9 && kept.length < 24, `${kept.length} games kept after ${finished} done`);
  assert.deepEqual(pulledRows(to), kept.map((id) => season.rows.get(id)));
  const firstRun = cdn.requests.splice(0);

  const second = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });
  assert.equal(second.report.stopped, null);
  const rest = GAME_IDS.filter((id) => !kept.includes(id));
  assert.deepEqual(cdn.requests.filter((r) => r.kind === 'boxscore').map((r) => r.gameId).sort(), rest);
  assert.deepEqual(cdn.requests.filter((r) => r.kind === 'playbyplay').map((r) => r.gameId).sort(), rest);
  assert.deepEqual(pulledRows(to), GAME_IDS.map((id) => season.rows.get(id)));
  // In both runs together: the schedule twice, and every game's two documents once, except those
  // in flight when the first run stopped (asked for, never written, asked again).
  const inFlight = firstRun.filter((r) => r.gameId !== undefined && !kept.includes(r.gameId)).map((r) => r.gameId);
  assert.ok(new Set(inFlight).size <= 2, `${inFlight.join(', ')} were in flight with 2 workers`);
  assert.equal(firstRun.filter((r) => r.kind === 'schedule').length + cdn.requests.filter((r) => r.kind === 'schedule').length, 2);
});

function pick(r: SeasonReport): Pick<SeasonReport, 'games_from' | 'in_dataset' | 'pulled_now' | 'already_there' | 'stopped'> {
  return { games_from: r.games_from, in_dataset: r.in_dataset, pulled_now: r.pulled_now, already_there: r.already_there, stopped: r.stopped };
}

function gunzip(file: string): string {
  return gunzipSync(readFileSync(file)).toString('utf8');
}

test('a game whose files were damaged since is fetched again; the rest are not', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const cdn = await startPullCdn(t, season.night);
  const to = folder();
  await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });
  const damaged = '0021700007';
  writeFileSync(pulledFile(to, SEASON, 'playbyplay', damaged), 'not gzip');
  cdn.requests.length = 0;
  const again = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });
  assert.deepEqual(cdn.requests.map((r) => [r.kind, r.gameId]), [['schedule', undefined], ['boxscore', damaged], ['playbyplay', damaged]]);
  assert.deepEqual([again.report.pulled_now, again.report.already_there, again.report.skipped.length], [1, 23, 0]);
  assert.deepEqual(pulledRows(to), GAME_IDS.map((id) => season.rows.get(id)));
});

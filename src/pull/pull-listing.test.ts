/**
 * Which games a pull goes after and which it leaves out: ids tried in order when the schedule is
 * missing or of another season, games not over, games whose documents disagree, and a CDN that
 * refuses or stops answering.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pulledGames } from '../data/pulled.ts';
import { accessDenied, serverError } from '../replay/faults.ts';
import { pullSeason, SILENT_PERIODS } from './pull.ts';
import { allOf, GAME_IDS, pulledRows, QUICK_FEED, SEASON, startPullCdn, testSeason } from './testing/season.ts';

const folder = (): string => mkdtempSync(path.join(tmpdir(), 'courtside-pull-'));

test('without a schedule, ids are tried in order until a run of misses; a hole inside the season is reported', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const hole = '0021700010';
  const cdn = await startPullCdn(t, season.night, allOf(
    (r) => (r.kind === 'schedule' ? { kind: 'status', status: 404, body: 'Not Found' } : undefined),
    (r) => (r.gameId === hole ? accessDenied() : undefined),
  ));
  const to = folder();
  const { report } = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED, missRun: 3 });
  assert.match(report.games_from, /^game ids 0021700001 on, until 3 in a row had no documents \(no schedule: 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/static\/json\/staticData\/scheduleLeagueV2\.json: body "Not Found"\)$/);
  const found = GAME_IDS.filter((id) => id !== hole);
  assert.deepEqual(pulledRows(to), found.map((id) => season.rows.get(id)));
  assert.deepEqual(report.skipped, [{ game_id: hole, reason: 'missing', detail: 'no documents on the CDN, though later game ids have some' }]);
  const probed = cdn.requests.filter((r) => r.kind === 'boxscore').map((r) => r.gameId).sort();
  assert.deepEqual(probed, [...GAME_IDS, '0021700025', '0021700026', '0021700027'], 'every id once, and only the run of 3 past the last game');
});

test("a schedule of another season is not this season's: its ids are tried instead", async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const cdn = await startPullCdn(t, season.night, (r) => (r.kind === 'schedule' ? { kind: 'transform', transform: (doc) => ({ ...doc, leagueSchedule: { seasonYear: '2018-19', gameDates: [] } }) } : undefined));
  const to = folder();
  const { report } = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED, missRun: 2 });
  assert.equal(report.games_from, "game ids 0021700001 on, until 2 in a row had no documents (the CDN's schedule is of 2018-19)");
  assert.deepEqual(pulledRows(to), GAME_IDS.map((id) => season.rows.get(id)));
});

test('a game not over is not fetched; a boxscore that disagrees with the play-by-play is reported, not written', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const [live, wrong] = ['0021700003', '0021700017'];
  const cdn = await startPullCdn(t, season.night, (r) => {
    if (r.kind === 'schedule') return { kind: 'transform', transform: (doc) => withStatus(doc, live, 2, 'Q3 4:12') };
    if (r.kind === 'boxscore' && r.gameId === wrong) return { kind: 'transform', transform: (doc) => withHomeScore(doc, 1) };
    return undefined;
  });
  const to = folder();
  const { report } = await pullSeason({ season: SEASON, to, feedUrl: cdn.url, feed: QUICK_FEED });
  assert.deepEqual(cdn.requestsFor(live), []);
  assert.deepEqual(cdn.requestsFor(wrong), ['boxscore', 'playbyplay']);
  const [home, away] = finalScore(season.rows.get(wrong));
  assert.deepEqual(report.skipped.map((s) => [s.game_id, s.reason, s.detail]), [
    [live, 'not_final', 'schedule status 2 (Q3 4:12)'],
    [wrong, 'mismatch', `the pattern ends at ${home - away}, the boxscore's final score is ${home + 1}-${away} (${home + 1 - away})`],
  ]);
  assert.ok(!pulledGames(to, SEASON).includes(wrong), 'nothing written for it: a rerun tries it again');
  assert.equal(pulledRows(to).length, 22);
});

test('a CDN that refuses every game, or stops answering, stops the pull with why; what it had is kept', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const refusing = await startPullCdn(t, season.night, (r) => (r.gameId !== undefined ? accessDenied() : undefined));
  const to = folder();
  const refused = await pullSeason({ season: SEASON, to, feedUrl: refusing.url, feed: QUICK_FEED, concurrency: 1 });
  assert.match(refused.report.stopped ?? '', /^the CDN refused 20 scheduled games in a row \(last: 403 Forbidden from .*: HTML page "Access Denied"\); stopping$/);
  assert.equal(refusing.requests.filter((r) => r.gameId !== undefined).length, 20);

  const failing = await startPullCdn(t, season.night, (r) => (r.gameId !== undefined && r.gameId > '0021700004' ? serverError() : undefined));
  const down = await pullSeason({ season: SEASON, to, feedUrl: failing.url, feed: { ...QUICK_FEED, retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 100 }, concurrency: 1 });
  assert.match(down.report.stopped ?? '', /^the CDN has answered nothing for \ds \(circuit breaker open after 2 failed calls, last: server_error; request not sent from http:.*\); stopping$/);
  assert.deepEqual(pulledRows(to), GAME_IDS.slice(0, 4).map((id) => season.rows.get(id)));
  // Two failures open the breaker; after that only its half-open probes reach the CDN, about one
  // per 100 ms until 4 periods have gone by without an answer; 20 games are never all asked for.
  const failed = failing.requests.filter((r) => r.gameId !== undefined && r.gameId > '0021700004').length;
  assert.ok(failed >= 3 && failed <= 2 + SILENT_PERIODS + 2, `${failed} requests to a CDN that stopped answering`);
});

function withStatus(doc: Record<string, unknown>, gameId: string, status: number, text: string): Record<string, unknown> {
  const schedule = doc.leagueSchedule as { gameDates: Array<{ games: Array<Record<string, unknown>> }> };
  for (const day of schedule.gameDates) for (const g of day.games) if (g.gameId === gameId) Object.assign(g, { gameStatus: status, gameStatusText: text });
  return doc;
}

function withHomeScore(doc: Record<string, unknown>, extra: number): Record<string, unknown> {
  const home = (doc.game as { homeTeam: { score: number } }).homeTeam;
  home.score += extra;
  return doc;
}

/** final_home and final_away of a minute_diffs.csv row. */
function finalScore(row: string | undefined): [number, number] {
  const fields = row?.split(',') ?? [];
  return [Number(fields[53]), Number(fields[54])];
}

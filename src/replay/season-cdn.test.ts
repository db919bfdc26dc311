import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoxscoreDocument, PlayByPlayDocument } from '../feed/nba-schemas.ts';
import { ScheduleDocument } from '../feed/schedule-schema.ts';
import { buildMinutePattern } from '../game/pattern.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadSchedule } from './dataset.ts';
import { loadSeason, startSeasonCdn } from './season-cdn.ts';
import { get, json, NBA_HEADERS } from './testing/http.ts';

const DATES = ['2017-10-17', '2017-10-18', '2017-10-19', '2017-10-20'];

test('a finished season in the CDN formats: the schedule, and every game final and exact', async (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const schedule = loadSchedule(dataDir);
  const season = loadSeason(dataDir, { season: '2017-18', dates: DATES }, schedule);
  const cdn = await startSeasonCdn(season);
  t.after(() => cdn.close());
  const root = cdn.url.replace('/static/json/liveData', '');

  const served = ScheduleDocument.parse(json(await get(`${root}/static/json/staticData/scheduleLeagueV2.json`)));
  assert.equal(served.leagueSchedule.seasonYear, '2017-18');
  assert.deepEqual(served.leagueSchedule.gameDates.map((d) => d.gameDate), ['10/17/2017 00:00:00', '10/18/2017 00:00:00', '10/19/2017 00:00:00', '10/20/2017 00:00:00']);
  const listed = served.leagueSchedule.gameDates.flatMap((d) => d.games);
  const truth = schedule.filter((g) => DATES.includes(g.gameDate));
  assert.deepEqual(listed.map((g) => g.gameId).sort(), truth.map((g) => g.gameId).sort());
  assert.equal(listed.length, 24);
  assert.ok(listed.every((g) => g.gameStatus === 3 && g.gameStatusText?.startsWith('Final')));

  for (const game of truth) {
    const pbp = PlayByPlayDocument.parse(json(await get(`${cdn.url}/playbyplay/playbyplay_${game.gameId}.json`)));
    const box = BoxscoreDocument.parse(json(await get(`${cdn.url}/boxscore/boxscore_${game.gameId}.json`)));
    assert.deepEqual(buildMinutePattern(pbp.game.actions).pattern.slice(0, 48), game.d, game.gameId);
    assert.deepEqual([box.game.gameStatus, box.game.homeTeam.score, box.game.awayTeam.score], [3, game.finalHome, game.finalAway], game.gameId);
    assert.equal((box.game as { gameCode?: string }).gameCode, `${game.gameDate.replaceAll('-', '')}/${game.awayTeam}${game.homeTeam}`);
  }
});

test('the schedule is refused like any document without the Referer, and a night serves its own', async (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const night = loadSeason(dataDir, { season: '2017-18', dates: ['2017-10-17'] });
  const cdn = await startSeasonCdn(night);
  t.after(() => cdn.close());
  const url = cdn.url.replace('/liveData', '/staticData/scheduleLeagueV2.json');
  const denied = await get(url, {});
  assert.equal(denied.status, 403);
  assert.match(denied.body.toString(), /Access Denied/);
  const ok = await get(url, { ...NBA_HEADERS });
  assert.equal(ok.status, 200);
  const doc = ScheduleDocument.parse(json(ok));
  assert.deepEqual(doc.leagueSchedule.gameDates.flatMap((d) => d.games.map((g) => [g.gameId, g.gameCode])), [
    ['0021700001', '20171017/BOSCLE'],
    ['0021700002', '20171017/HOUGSW'],
  ]);
});

test('a season with no games of the dates asked for is a clear error', (t) => {
  const dataDir = requireDataDir(t, 'minute_diffs.csv');
  if (!dataDir) return;
  assert.throws(() => loadSeason(dataDir, { season: '2017-18', dates: ['2017-07-04'] }), { code: 'replay_no_games', message: 'no games of 2017-18 (2017-07-04) in the data' });
});

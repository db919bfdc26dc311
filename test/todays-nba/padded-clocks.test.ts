/**
 * Issue 15, acceptance 1: the 2025 scoreboard that broke the tracker (three live games on clocks
 * written `"3:37 "`, `"5:04 "`, `"10:37"`, status texts padded with spaces), built from the real
 * 2023 capture by editing its fields, served over real HTTP to the real service. Every game is
 * live with its real score over the WebSocket and its play-by-play is followed. A clock no form
 * reads leaves the game live too: logged once, counted, never a dropped game.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { seriesValue } from '../../src/observability/testing/series.ts';
import type { ScoreUpdate } from '../../src/protocol/messages.ts';
import { requireDataDir } from '../support/data.ts';
import { capturedPlayByPlay, capturedScoreboard, differentialAfter, playByPlayOf, serveToday, TodaysFeed, type Board } from '../support/todays-feed.ts';
import { Collector } from '../support/ws-collector.ts';

/** Clock and status text of each game of the 2025 capture, in board order. */
const FORMS = [
  ['3:37 ', '3rd Qtr  '],
  ['5:04 ', ' 3rd Qtr '],
  ['10:37', '3rd Qtr   '],
] as const;
const CLOCKS_ON_THE_WIRE = ['03:37', '05:04', '10:37'];
const SECONDS_LEFT = [217, 304, 637];

/** The capture's three games, all live in the third quarter on the 2025 forms; scores as captured. */
function paddedNight(dataDir: string): Board {
  const board = capturedScoreboard(dataDir);
  board.scoreboard.games.forEach((g, i) => {
    const [gameClock, gameStatusText] = FORMS[i] as readonly [string, string];
    Object.assign(g, { gameStatus: 2, period: 3, gameClock, gameStatusText });
  });
  return board;
}

async function setUp(t: TestContext, dataDir: string, board: Board): Promise<{ feed: TodaysFeed; client: Collector } & Awaited<ReturnType<typeof serveToday>>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-padded-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const feed = await TodaysFeed.start();
  t.after(() => feed.close());
  feed.board = board;
  const pbp = capturedPlayByPlay(dataDir);
  board.scoreboard.games.forEach((g, i) => feed.playByPlay.set(g.gameId, playByPlayOf(pbp, g.gameId, { period: 3, secondsLeft: SECONDS_LEFT[i % 3] as number })));
  const served = await serveToday(feed, dir);
  t.after(() => served.service.close());
  const client = new Collector(`${served.service.wsUrl.replace('localhost', '127.0.0.1')}?epoch=${encodeURIComponent(served.service.broadcaster.epoch)}&last_seq=0`);
  t.after(() => client.close());
  await client.opened;
  return { feed, client, ...served };
}

const latestScore = (client: Collector, gameId: string): ScoreUpdate | undefined => client.ofType('score_update').filter((m) => m.game_id === gameId).at(-1);

describe('the padded-clock night of 2025', () => {
  it('shows all three games live with their real scores, and follows their play-by-play', { timeout: 60_000 }, async (t) => {
    const dataDir = requireDataDir(t, 'live/todaysScoreboard_00.json', 'live/playbyplay_0022000001.json');
    if (!dataDir) return;
    const board = paddedNight(dataDir);
    const { feed, client, log } = await setUp(t, dataDir, board);
    const games = board.scoreboard.games;
    const halftime = differentialAfter(capturedPlayByPlay(dataDir), 2);

    await client.until(() => games.every((g) => client.ofType('halftime_result').some((m) => m.game_id === g.gameId)));
    games.forEach((g, i) => {
      const score = latestScore(client, g.gameId);
      assert.ok(score, `${g.gameId} has a score_update`);
      assert.deepEqual(
        [score.data.status, score.data.period, score.data.clock, score.data.home_team, score.data.home_score, score.data.away_team, score.data.away_score],
        ['In Progress', 3, CLOCKS_ON_THE_WIRE[i], g.homeTeam.teamTricode, g.homeTeam.score, g.awayTeam.teamTricode, g.awayTeam.score],
        `${g.gameId} on ${JSON.stringify(g.gameClock)}`,
      );
      assert.ok(feed.playByPlayRequests(g.gameId) > 0, `${g.gameId} play-by-play asked for`);
      const progress = client.ofType('pattern_progress').filter((m) => m.game_id === g.gameId).at(-1);
      // First seen in the third quarter: exact minutes past halftime can only have come from its play-by-play.
      assert.ok(progress && progress.minutes_collected > 24 && !progress.approximate, `${g.gameId}: ${progress?.minutes_collected} minutes`);
      const graded = client.ofType('halftime_result').find((m) => m.game_id === g.gameId);
      assert.deepEqual([graded?.actual, graded?.forecast, graded?.approximate], [halftime, null, false], `${g.gameId} halftime from play-by-play, no forecast made that late`);
    });
    assert.equal(client.ofType('score_update').some((m) => m.data.status === 'Scheduled'), false, 'never Scheduled');
    for (const g of games) assert.deepEqual(log.problemsOf(g.gameId), [], `nothing to complain about in ${g.gameId}`);
    assert.deepEqual(client.invalid, []);
  });

  it('keeps a game whose clock no form reads live, with its score and play-by-play; logs the clock once and counts it', { timeout: 60_000 }, async (t) => {
    const dataDir = requireDataDir(t, 'live/todaysScoreboard_00.json', 'live/playbyplay_0022000001.json');
    if (!dataDir) return;
    const board = paddedNight(dataDir);
    const odd = structuredClone(board.scoreboard.games[0]!);
    Object.assign(odd, { gameId: '0042200174', gameCode: '20230420/MEMLAL', gameClock: '3 min 37', homeTeam: { ...odd.homeTeam, teamTricode: 'LAL', score: 71 }, awayTeam: { ...odd.awayTeam, teamTricode: 'MEM', score: 66 } });
    board.scoreboard.games.push(odd);
    const { feed, client, log, service } = await setUp(t, dataDir, board);

    await client.until(() => client.ofType('pattern_progress').some((m) => m.game_id === odd.gameId && m.minutes_collected > 24));
    // A few more polls of the same bad clock.
    const polls = feed.playByPlayRequests(odd.gameId);
    for (const deadline = Date.now() + 20_000; feed.playByPlayRequests(odd.gameId) < polls + 3 && Date.now() < deadline; ) await delay(20);
    const score = latestScore(client, odd.gameId);
    assert.deepEqual([score?.data.status, score?.data.period, score?.data.clock, score?.data.home_score, score?.data.away_score], ['In Progress', 3, '', 71, 66]);
    assert.ok(feed.playByPlayRequests(odd.gameId) >= polls + 3, 'its play-by-play polled on and on');
    const logged = log.entries.filter((e) => e.msg.includes('clock unreadable'));
    assert.deepEqual(logged.map((e) => [e.level, e.fields.gameId, e.fields.clock, e.fields.code]), [['warn', odd.gameId, '3 min 37', 'invalid_clock']], 'logged once, with the game and the clock');
    const metrics = await (await fetch(new URL('/metrics', service.url.replace('localhost', '127.0.0.1')))).text();
    const counted = Number(seriesValue(metrics, 'courtside_feed_unreadable_clocks_total'));
    assert.ok(counted >= 3, `counted on every poll (${counted})`);
    for (const [i, g] of board.scoreboard.games.slice(0, 3).entries()) assert.equal(latestScore(client, g.gameId)?.data.clock, CLOCKS_ON_THE_WIRE[i]);
  });
});

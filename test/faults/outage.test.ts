/**
 * Acceptance 5, the CDN down: 2017-11-21 replayed (one game, CHI@LAL), every document answering
 * 500 in the first half: the scoreboard from minute 8 to 13, the play-by-play from 8 to 16. The
 * retried failures open the circuit breaker; it must let a trial through once the CDN is back,
 * close again, and leave the game exact, with its forecast made from the true d1..d18.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverError } from '../../src/replay/faults.ts';
import { loadNight } from '../../src/replay/night.ts';
import { findDataDir } from '../support/data.ts';
import { assertFellBackAndReturned, assertLogged, assertRecovered, assertStreamWentOn, playByPlayError } from '../support/fault-checks.ts';
import { duringMinutes, FaultPlan, gameOf, isPlayByPlayOf, isScoreboard, windowRule } from '../support/fault-plan.ts';
import { runFaultyNight, type FaultRun } from '../support/fault-run.ts';

const DATE = '2017-11-21';
const GAME = '0021700252';
const SCOREBOARD = /\/scoreboard\/todaysScoreboard_00\.json$/;

describe(`the CDN answering 500 to everything for a while, ${DATE} replayed`, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const plan = new FaultPlan();
  let run: FaultRun | undefined;
  let health: { feed: { breaker: string } } | undefined;
  let metrics = '';

  before(async () => {
    if (!data.dir) return;
    const game = gameOf(loadNight(data.dir, DATE), GAME);
    plan
      .add(windowRule('scoreboard 500', isScoreboard, duringMinutes(game, 8, 13), () => serverError()))
      .add(windowRule('play-by-play 500', isPlayByPlayOf(GAME), duringMinutes(game, 8, 16), () => serverError()));
    run = await runFaultyNight({ dataDir: data.dir, night: loadNight(data.dir, DATE), speed: 1000, plan });
    // Read over HTTP, as an operator would.
    health = (await (await fetch(new URL('/health', run.service.url))).json()) as typeof health;
    metrics = await (await fetch(new URL('/metrics', run.service.url))).text();
  });

  after(async () => {
    await run?.close();
  });

  it('logs each 500 with its URL and keeps the last known state while the scoreboard fails', (t) => {
    if (!run) return t.skip(data.reason);
    const [board] = assertLogged(run, 'scoreboard 500', (err) => err.code === 'server_error' && err.status === 500 && SCOREBOARD.test(String(err.url)));
    assert.equal(board?.level, 'error');
    assert.match(board!.msg, /scoreboard poll failed; keeping the last known state/);
    assertLogged(run, 'play-by-play 500', playByPlayError(GAME, 'server_error', 500));
    assert.match(metrics, /courtside_feed_errors_total\{endpoint="scoreboard",kind="server_error"\} [1-9]/);
  });

  it('opens the circuit breaker, says so, and closes it again once the CDN answers', (t) => {
    if (!run) return t.skip(data.reason);
    const [open] = assertLogged(run, 'circuit open', (err) => err.code === 'circuit_open');
    assert.match(String((open?.fields.err as { message: string }).message), /circuit breaker open after \d+ failed calls, last: server_error; request not sent/);
    assert.match(metrics, /courtside_feed_errors_total\{endpoint="[a-z]+",kind="circuit_open"\} [1-9]/);
    assert.equal(health?.feed.breaker, 'closed');
  });

  it('follows the scoreboard while only the play-by-play fails, then rebuilds the exact pattern and forecasts from it', (t) => {
    if (!run) return t.skip(data.reason);
    assertStreamWentOn(run, plan, 'scoreboard 500', GAME);
    assertStreamWentOn(run, plan, 'play-by-play 500', GAME);
    assertFellBackAndReturned(run, GAME);
    assertRecovered(run, GAME);
    assert.deepEqual(run.client.invalid, []);
  });
});

/**
 * Issue 16, finding 4: a halftime graded from a stale scoreboard is never corrected. 2017-11-21
 * replayed (one game, CHI@LAL), the whole feed answering 500 from game minute 21.5 to 26: when it
 * comes back the scoreboard shows Q3 and the last score seen is from minute 21, so the grade is
 * made from it (approximate, d24 = -16 or -15); the exact play-by-play arrives in the same poll
 * with d24 = -14. The exact grade must replace it: one `halftime_result` with `revised: true`, in
 * the store and in `/api/games`, and the predictor learns from the exact result only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff } from '../../src/domain/minutes.ts';
import type { GameSnapshot } from '../../src/protocol/messages.ts';
import { serverError } from '../../src/replay/faults.ts';
import { loadNight } from '../../src/replay/night.ts';
import { findDataDir } from '../support/data.ts';
import { messagesOf } from '../support/fault-checks.ts';
import { duringMinutes, FaultPlan, gameOf, isPlayByPlayOf, isScoreboard, windowRule } from '../support/fault-plan.ts';
import { runFaultyNight, type FaultRun } from '../support/fault-run.ts';

const DATE = '2017-11-21';
const GAME = '0021700252';

describe(`a feed outage across the end of Q2, ${DATE} replayed`, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const plan = new FaultPlan();
  let run: FaultRun | undefined;
  let api: GameSnapshot | undefined;

  before(async () => {
    if (!data.dir) return;
    const night = loadNight(data.dir, DATE);
    const game = gameOf(night, GAME);
    const outage = duringMinutes(game, 21.5, 26);
    // The play-by-play comes back only with the first scoreboard after the outage (in that poll,
    // which asks the scoreboard first): a poll that straddled the outage's end could otherwise
    // get the play-by-play back while its scoreboard still failed, and grade exactly at once.
    let scoreboardBack = false;
    plan
      .add(windowRule('scoreboard 500', isScoreboard, (r) => {
        if (outage(r)) return true;
        if (plan.record('scoreboard 500').hits > 0) scoreboardBack = true;
        return false;
      }, () => serverError()))
      .add(windowRule('play-by-play 500', isPlayByPlayOf(GAME), (r) => outage(r) || (plan.record('scoreboard 500').hits > 0 && !scoreboardBack), () => serverError()));
    run = await runFaultyNight({ dataDir: data.dir, night, speed: 1000, plan });
    api = (await (await fetch(new URL(`/api/games/${GAME}`, run.service.url))).json()) as GameSnapshot;
  });

  after(async () => {
    await run?.close();
  });

  it('grades from the scoreboard first (the stale case), then sends the exact grade once, revised', (t) => {
    if (!run) return t.skip(data.reason);
    const d24 = minuteDiff(run.truth.get(GAME)?.d ?? [], HALFTIME_MINUTE);
    assert.equal(d24, -14);
    assert.ok(plan.record('scoreboard 500').hits > 0 && plan.record('play-by-play 500').hits > 0, 'the outage happened');
    const grades = messagesOf(run, 'halftime_result', GAME);
    const [stale, ...rest] = grades;
    assert.ok(stale, 'graded at all');
    assert.equal(stale.approximate, true, `the first grade came from the scoreboard: ${JSON.stringify(stale)}`);
    assert.notEqual(stale.actual, d24, 'and was stale');
    assert.equal(rest.length, 1, `exactly one more grade after the stale one (got ${rest.length})`);
    const exact = rest[0]!;
    assert.deepEqual([exact.actual, exact.approximate, exact.revised], [d24, false, true]);
    assert.deepEqual(exact.forecast, stale.forecast, 'the same forecast, graded again');
    const forecast = messagesOf(run, 'ml_prediction', GAME)[0];
    assert.ok(forecast, 'forecast before the outage');
    assert.equal(exact.error, Math.round((d24! - forecast.prediction.point_forecast) * 10) / 10);
    assert.equal(exact.covered, d24! >= forecast.prediction.interval_lower && d24! <= forecast.prediction.interval_upper);
    assert.deepEqual(run.client.invalid, []);
  });

  it('keeps the exact grade in /api/games and in the store', (t) => {
    if (!run || !api) return t.skip(data.reason);
    assert.deepEqual([api.halftime?.actual, api.halftime?.approximate, api.halftime?.revised], [-14, false, true]);
    assert.deepEqual(api.pattern.slice(0, 24), run.truth.get(GAME)?.d.slice(0, 24));
  });
});

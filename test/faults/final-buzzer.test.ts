/**
 * Faults through the final buzzer: 2018-01-01 replayed (four games, two into overtime) while the
 * night goes on. The play-by-play of ORL@BKN answers 403 from minute 46 until two minutes after
 * the game is over: the scoreboard carries it to its final score meanwhile, and once the
 * play-by-play answers again the minutes it missed must be rebuilt exactly, like any others. The
 * play-by-play of MIL@TOR fails from its overtime on and never comes back: after its refusals the
 * game must settle, honestly approximate, and not keep the night from ending.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FINAL_RETRIES } from '../../src/game/game-tracker.ts';
import { accessDenied } from '../../src/replay/faults.ts';
import { loadNight } from '../../src/replay/night.ts';
import { findDataDir } from '../support/data.ts';
import { assertLogged, assertRecovered, messagesOf, playByPlayError } from '../support/fault-checks.ts';
import { FaultPlan, gameMinuteAt, gameOf, isPlayByPlayOf, windowRule } from '../support/fault-plan.ts';
import { runFaultyNight, type FaultRun } from '../support/fault-run.ts';

const DATE = '2018-01-01';
const RECOVERS = '0021700545';
const NEVER_RECOVERS = '0021700546';
const CLEAN = ['0021700547', '0021700548'];
/** Well inside the refusals the tracker allows after a final (FINAL_RETRIES polls of 10 s). */
const RECOVERY_DELAY_MS = 2 * 60_000;

describe(`faults through the final buzzer, ${DATE} replayed`, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const plan = new FaultPlan();
  let run: FaultRun | undefined;

  before(async () => {
    if (!data.dir) return;
    const night = loadNight(data.dir, DATE);
    const recovers = gameOf(night, RECOVERS);
    const back = recovers.endsAt + RECOVERY_DELAY_MS;
    assert.ok(back < night.closesAt, 'the night goes on after the play-by-play is back');
    const never = gameOf(night, NEVER_RECOVERS);
    const denied = (r: { path: string }) => accessDenied(`http://cdn.nba.com${r.path}`);
    plan
      .add(windowRule('403 through the buzzer', isPlayByPlayOf(RECOVERS), (r) => gameMinuteAt(recovers, r.now) >= 46 && r.now < back, denied))
      .add(windowRule('403 from overtime on', isPlayByPlayOf(NEVER_RECOVERS), (r) => gameMinuteAt(never, r.now) >= 50, denied));
    run = await runFaultyNight({ dataDir: data.dir, night, speed: 1500, plan });
  });

  after(async () => {
    await run?.close();
  });

  it('follows the scoreboard to the final score meanwhile, and says why', (t) => {
    if (!run) return t.skip(data.reason);
    assertLogged(run, '403 on the play-by-play', playByPlayError(RECOVERS, 'forbidden', 403));
    assert.ok(messagesOf(run, 'pattern_progress', RECOVERS).some((m) => m.approximate && m.pattern.length === 48), 'an approximate full pattern was sent');
    const final = messagesOf(run, 'score_update', RECOVERS).at(-1);
    const truth = run.truth.get(RECOVERS)!;
    assert.deepEqual([final?.data.status, final?.data.home_score, final?.data.away_score], ['Final', truth.finalHome, truth.finalAway]);
    for (const id of CLEAN) assertRecovered(run, id);
  });

  it('rebuilds the exact pattern once the play-by-play answers again after the game', (t) => {
    if (!run) return t.skip(data.reason);
    assert.ok(plan.record('403 through the buzzer').hits > 0);
    assertRecovered(run, RECOVERS);
  });

  it('settles a game whose play-by-play never returns: approximate, final score right, the night still ends', (t) => {
    if (!run) return t.skip(data.reason);
    const id = NEVER_RECOVERS;
    const truth = run.truth.get(id)!;
    const record = run.service.pipeline.games.get(id)!;
    assert.equal(record.tracker.settled, true);
    assert.equal(record.tracker.approximate, true);
    const last = messagesOf(run, 'pattern_progress', id).at(-1)!;
    assert.equal(last.approximate, true);
    assert.deepEqual(last.pattern.slice(0, 48), truth.d, 'regulation was exact before the fault');
    assert.equal(last.pattern.length, 48 + 5 * truth.otPeriods);
    assert.equal(last.pattern.at(-1), truth.finalHome - truth.finalAway, 'the final margin, from the scoreboard');
    const final = messagesOf(run, 'score_update', id).at(-1)!;
    assert.deepEqual([final.data.status, final.data.home_score, final.data.away_score], ['Final', truth.finalHome, truth.finalAway]);
    assert.equal(messagesOf(run, 'ml_prediction', id).length, 1);
    assert.ok(plan.record('403 from overtime on').hits >= FINAL_RETRIES, 'asked at least as often as the tracker allows before settling');
  });
});

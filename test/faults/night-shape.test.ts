/**
 * Acceptance 5, the shape of a night: 2018-03-14 replayed, four games, two of them into overtime
 * (WAS@BOS twice) and two running past midnight ET (MIA@SAC, in overtime, and LAL@GSW). The
 * scoreboard first serves the previous night's finished games, as the real one does into the
 * morning, until the first game is eight minutes in; the overtime game's play-by-play fails in
 * its first overtime; the late game's connection drops across midnight.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff, REGULATION_MINUTES } from '../../src/domain/minutes.ts';
import { FINAL_RETRIES } from '../../src/game/game-tracker.ts';
import type { HistoricalGame } from '../../src/domain/historical-game.ts';
import type { ScoreUpdate } from '../../src/protocol/messages.ts';
import { scoreboardDocument } from '../../src/replay/documents.ts';
import { easternToEpoch } from '../../src/replay/eastern-time.ts';
import { serverError } from '../../src/replay/faults.ts';
import { loadNight, type Night } from '../../src/replay/night.ts';
import { findDataDir } from '../support/data.ts';
import { assertFellBackAndReturned, assertLogged, assertRecovered, assertStreamWentOn, messagesOf, playByPlayError } from '../support/fault-checks.ts';
import { betweenInstants, duringMinutes, FaultPlan, gameOf, isPlayByPlayOf, isScoreboard, windowRule } from '../support/fault-plan.ts';
import { runFaultyNight, type FaultRun } from '../support/fault-run.ts';

const DATE = '2018-03-14';
const YESTERDAY = '2018-03-13';
const GAMES = {
  first: '0021701016',
  doubleOvertime: '0021701017',
  overtimePastMidnight: '0021701018',
  pastMidnight: '0021701019',
} as const;
const MIDNIGHT = easternToEpoch('2018-03-15', 0);

describe(`the shape of a night: ${DATE} replayed`, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const plan = new FaultPlan();
  let run: FaultRun | undefined;
  let yesterday: Night;

  before(async () => {
    if (!data.dir) return;
    const night = loadNight(data.dir, DATE);
    yesterday = loadNight(data.dir, YESTERDAY);
    // What the CDN still shows in the morning: every game of the night before, final.
    const staleBoard = scoreboardDocument(yesterday, yesterday.closesAt + 60_000);
    plan
      .add(windowRule("yesterday's scoreboard", isScoreboard, duringMinutes(gameOf(night, GAMES.first), 0, 8), () => ({ kind: 'transform', transform: () => staleBoard })))
      .add(windowRule('500 in overtime', isPlayByPlayOf(GAMES.doubleOvertime), duringMinutes(gameOf(night, GAMES.doubleOvertime), 49, 52), () => serverError()))
      .add(windowRule('reset across midnight', isPlayByPlayOf(GAMES.pastMidnight), betweenInstants(MIDNIGHT - 5 * 60_000, MIDNIGHT + 10 * 60_000), () => ({ kind: 'reset' })))
      .watch('past midnight', betweenInstants(MIDNIGHT, Number.POSITIVE_INFINITY));
    run = await runFaultyNight({ dataDir: data.dir, night, speed: 1500, plan });
  });

  after(async () => {
    await run?.close();
  });

  it('keeps the stream valid', (t) => {
    if (!run) return t.skip(data.reason);
    assert.deepEqual(run.client.invalid, []);
  });

  it("yesterday's scoreboard still served: its games keep their own date, are never forecast, and today's night comes out exact", (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    assert.ok(plan.record("yesterday's scoreboard").hits > 0);
    const old = yesterday.games.map((g) => g.gameId);
    for (const id of old) {
      const scores = messagesOf(r, 'score_update', id);
      assert.ok(scores.length > 0, `${id} was shown`);
      assert.ok(scores.every((m) => m.data.game_date === YESTERDAY && m.data.status === 'Final'), `${id} shown as a final of ${YESTERDAY}`);
      assert.equal(messagesOf(r, 'ml_prediction', id).length, 0, `${id} not forecast`);
      // Its play-by-play is gone from this CDN: whatever pattern is guessed from the board must say so.
      assert.ok(messagesOf(r, 'pattern_progress', id).every((m) => m.approximate), `${id} patterns flagged approximate`);
      assert.ok(messagesOf(r, 'halftime_result', id).every((m) => m.approximate), `${id} halftime flagged approximate`);
      assertLogged(r, `404 for ${id}'s play-by-play`, playByPlayError(id, 'not_found', 404));
    }
    // Today's first game was hidden through its tip: first seen in play, its early minutes backfilled.
    const first = messagesOf(r, 'score_update', GAMES.first)[0];
    assert.ok(first && first.data.period >= 1, `${GAMES.first} first seen in play (got ${first?.data.status})`);
    assert.deepEqual(Object.values(GAMES).filter((id) => !r.service.pipeline.games.has(id)), []);
    for (const id of Object.values(GAMES)) assertRecovered(r, id);
  });

  it("yesterday's games, first seen final and without play-by-play, get no invented halftime differential", (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    const wrong = yesterday.games.flatMap((g) => {
      const d24 = minuteDiff(r.truth.get(g.gameId)?.d ?? [], HALFTIME_MINUTE);
      return messagesOf(r, 'halftime_result', g.gameId)
        .filter((m) => m.actual !== d24)
        .map((m) => `${g.gameId}: actual ${m.actual}, d24 was ${d24}`);
    });
    assert.deepEqual(wrong, []);
  });

  it("yesterday's games settle: their play-by-play is asked for a bounded number of times, not all night", (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    for (const g of yesterday.games) {
      // Settled games leave memory once they are off the scoreboard; one still held must be settled.
      const record = r.service.pipeline.games.get(g.gameId);
      assert.equal(record?.tracker.settled ?? true, true, `${g.gameId} settled`);
      const refusals = r.log.errors((err, e) => e.fields.gameId === g.gameId && err.code === 'not_found').length;
      assert.ok(refusals <= FINAL_RETRIES, `${g.gameId}: ${refusals} play-by-play refusals logged (at most ${FINAL_RETRIES})`);
    }
  });

  it('overtime: d49+ collected, the final right, and a failure in overtime recovered', (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    for (const id of [GAMES.doubleOvertime, GAMES.overtimePastMidnight] as string[]) {
      const truth: HistoricalGame = r.truth.get(id)!;
      assert.ok(truth.otPeriods > 0 && minuteDiff(truth.d, REGULATION_MINUTES) === 0, `${id} went to overtime level`);
      assertRecovered(r, id);
      const final: ScoreUpdate = messagesOf(r, 'score_update', id).at(-1)!;
      assert.equal(final.data.period, 4 + truth.otPeriods, `${id} final period`);
    }
    const id = GAMES.doubleOvertime;
    assertLogged(r, '500 in overtime', playByPlayError(id, 'server_error', 500));
    assertStreamWentOn(r, plan, '500 in overtime', id);
    assert.ok(messagesOf(r, 'pattern_progress', id).some((m) => m.approximate && m.pattern.length > 48), 'overtime minutes followed the scoreboard meanwhile');
    assertFellBackAndReturned(r, id);
  });

  it("a game crossing midnight keeps its own date (gameCode), through a connection reset at midnight", (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    const midnight = plan.record('past midnight');
    assert.ok(midnight.hits > 0, 'the replay ran past midnight');
    for (const id of [GAMES.pastMidnight, GAMES.overtimePastMidnight] as string[]) {
      const scores: ScoreUpdate[] = messagesOf(r, 'score_update', id);
      assert.ok(scores.some((m) => m.seq > midnight.seqAtFirstHit), `${id} updated after midnight`);
      assert.deepEqual([...new Set(scores.map((m) => m.data.game_date))], [DATE], `${id} game_date`);
      assert.equal(r.service.pipeline.games.get(id)?.context.gameDate, DATE);
    }
    const id = GAMES.pastMidnight;
    assertLogged(r, 'reset at midnight', playByPlayError(id, 'network', undefined));
    assertStreamWentOn(r, plan, 'reset across midnight', id);
    assertRecovered(r, id);
  });
});

/**
 * Acceptance 5, the document side: one replayed night (2018-01-29, six games) in which the feed
 * serves well-formed HTTP but wrong or rewritten documents, one game each, in the first half: a
 * missing field (play-by-play and scoreboard), a score going backwards next to stale rows, an
 * action deleted, a shot edited, an action filed late. The NBA's feed really does the last three,
 * so they are no error: nothing is logged for them, and only the pattern may move, to end exact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FeedError } from '../../src/feed/errors.ts';
import { scoreboardDocument } from '../../src/replay/documents.ts';
import { loadNight } from '../../src/replay/night.ts';
import type { ScoreUpdate } from '../../src/protocol/messages.ts';
import { findDataDir } from '../support/data.ts';
import { assertFellBackAndReturned, assertLogged, assertRecovered, assertStreamWentOn, messagesOf, playByPlayError } from '../support/fault-checks.ts';
import { duringMinutes, FaultPlan, gameOf, isPlayByPlayOf, isScoreboard, windowRule } from '../support/fault-plan.ts';
import { runFaultyNight, type FaultRun } from '../support/fault-run.ts';
import {
  editActions, filedAs, firstFieldGoalFrom, lastActionOfMinute, lastShotOfMinute, latestShotGoesBackwards, latestWithout,
  scoreboardEntryWithout, scoredAsThree, withheld, withPhantomThree, withStaleRows,
} from '../support/document-edits.ts';

const DATE = '2018-01-29';
const GAMES = {
  missingField: '0021700738',
  backwards: '0021700739',
  deleted: '0021700740',
  edited: '0021700741',
  lateFiled: '0021700742',
  clean: '0021700743',
} as const;
/** Action numbers far above any real one (the season's highest is under 1,000). */
const PHANTOM = 900_001;
const LATE = 900_002;
const STALE = 900_100;
const STALE_MINUTES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
/** How far behind a stale CDN edge's copy of the scoreboard is. */
const STALE_EDGE_MS = 4 * 60_000;

describe(`document faults, ${DATE} replayed`, () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const plan = new FaultPlan();
  let run: FaultRun | undefined;
  let lateShot: number;
  let lateMinute: number;

  before(async () => {
    if (!data.dir) return;
    const night = loadNight(data.dir, DATE);
    const game = (id: string) => gameOf(night, id);
    const firstHalf = (id: string) => duringMinutes(game(id), 8, 14);
    const always = () => true;
    const rewrite = (edit: Parameters<typeof editActions>[0]) => () => ({ kind: 'transform' as const, transform: editActions(edit) });

    lateMinute = 9;
    lateShot = lastShotOfMinute(game(GAMES.lateFiled), lateMinute).actionNumber;
    const phantomAnchor = firstFieldGoalFrom(game(GAMES.deleted), 9, '2pt').actionNumber;
    const editedShot = firstFieldGoalFrom(game(GAMES.edited), 9, '2pt').actionNumber;
    // Stale rows end minutes 11..20, none of which the truth has level, so counting one would show.
    const staleAnchors = STALE_MINUTES.map((m) => lastActionOfMinute(game(GAMES.backwards), m).actionNumber);
    const missing = GAMES.missingField;
    let staleEdge = 0;

    plan
      // The earliest tip: at its minutes 14..17, after its own play-by-play window. Only its own
      // scoreboard entry is rejected; the other games on the board go on.
      // Minutes 14..17, or on to 22 until one poll has had it: a poll cycle stalled by a loaded
      // machine can outlast three game minutes (a third of a second at speed 1000).
      .add(windowRule('scoreboard missing gameClock', isScoreboard, (r) => duringMinutes(game(missing), 14, 17)(r) || (duringMinutes(game(missing), 17, 22)(r) && plan.record('scoreboard missing gameClock').hits === 0), () => ({ kind: 'transform', transform: scoreboardEntryWithout(missing, 'gameClock') })))
      // Nine game minutes (about a second at speed 1000): enough poll cycles, even on a loaded machine,
      // for the scoreboard to show a minute ending while the play-by-play is refused.
      .add(windowRule('play-by-play missing scoreHome', isPlayByPlayOf(missing), duringMinutes(game(missing), 5, 14), rewrite(latestWithout('scoreHome'))))
      .add(windowRule('score backwards', isPlayByPlayOf(GAMES.backwards), firstHalf(GAMES.backwards), rewrite((a) => latestShotGoesBackwards(5)(withStaleRows(staleAnchors, STALE)(a)))))
      // Every other scoreboard poll meanwhile reaches a CDN edge whose whole copy is minutes old.
      .add(windowRule('stale scoreboard edge', isScoreboard, (r) => firstHalf(GAMES.backwards)(r) && staleEdge++ % 2 === 0, (r) => ({
        kind: 'transform', transform: () => scoreboardDocument(night, r.now - STALE_EDGE_MS),
      })))
      // The stale rows stay for the rest of the game: they must never move the pattern.
      .add(windowRule('stale rows', isPlayByPlayOf(GAMES.backwards), always, rewrite(withStaleRows(staleAnchors, STALE))))
      .add(windowRule('phantom three', isPlayByPlayOf(GAMES.deleted), firstHalf(GAMES.deleted), rewrite(withPhantomThree(phantomAnchor, PHANTOM))))
      .add(windowRule('scored as three', isPlayByPlayOf(GAMES.edited), firstHalf(GAMES.edited), rewrite(scoredAsThree(editedShot))))
      .add(windowRule('withheld', isPlayByPlayOf(GAMES.lateFiled), duringMinutes(game(GAMES.lateFiled), 0, 14), rewrite(withheld(lateShot))))
      .add(windowRule('filed late', isPlayByPlayOf(GAMES.lateFiled), always, rewrite(filedAs(lateShot, LATE))));
    // Nothing here hangs: a loaded machine must not turn a slow answer into a play-by-play failure
    // (the fault runs' 150 ms timeout is for hanging-CDN tests), which would grade a halftime approximately.
    run = await runFaultyNight({ dataDir: data.dir, night, speed: 1000, plan, feedOptions: { timeoutMs: 5_000 } });
  });

  after(async () => {
    await run?.close();
  });

  /** Game time or score moved back between two consecutive live score updates. */
  function wentBack(a: ScoreUpdate, b: ScoreUpdate): boolean {
    if (a.data.status !== 'In Progress' || b.data.status !== 'In Progress') return false;
    const earlier = b.data.period < a.data.period || (b.data.period === a.data.period && b.data.clock > a.data.clock);
    return earlier || b.data.home_score + b.data.away_score < a.data.home_score + a.data.away_score;
  }

  /** Some pattern sent for the game differed from the truth by `delta` on some minute: the rewrite was seen. */
  function sawOffBy(r: FaultRun, gameId: string, delta: (d: number) => boolean): boolean {
    const truth = r.truth.get(gameId)!.d;
    return messagesOf(r, 'pattern_progress', gameId).some((m) => m.pattern.slice(0, 48).some((v, i) => delta(v - (truth[i] as number))));
  }

  it('keeps the stream valid', (t) => {
    if (!run) return t.skip(data.reason);
    assert.deepEqual(run.client.invalid, []);
    assert.deepEqual([...run.service.pipeline.games.keys()].sort(), Object.values(GAMES).sort());
  });

  it("a missing field: the play-by-play document, or only the game's scoreboard entry, is rejected naming the field, the game follows the scoreboard, then exact again", (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.missingField;
    const [pbp] = assertLogged(run, 'play-by-play schema mismatch', playByPlayError(id, 'schema_mismatch', 200));
    assert.match(String((pbp?.fields.err as FeedError).detail), /game\.actions\[\d+\]\.scoreHome/);
    const entries = run.log.entries.filter((e) => e.msg === 'scoreboard entry rejected');
    assert.ok(entries.length > 0, 'the entry without gameClock was rejected');
    for (const entry of entries) {
      assert.equal(entry.fields.gameId, id);
      assert.match(String(entry.fields.problem), /^schema mismatch at scoreboard\.games\[\d+\]\.gameClock \(/);
    }
    const wholeBoard = run.log.errors((err, e) => /scoreboard poll failed/.test(e.msg) && err.code === 'schema_mismatch');
    assert.deepEqual(wholeBoard, [], 'the rest of the scoreboard was applied');
    assertStreamWentOn(run, plan, 'scoreboard missing gameClock', id);
    assertStreamWentOn(run, plan, 'play-by-play missing scoreHome', id);
    assertFellBackAndReturned(run, id);
    assertRecovered(run, id);
  });

  it('a score going backwards: logged with the action, corrected, and stale rows never move the pattern', (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.backwards;
    const warned = run.log.entries.filter((e) => e.level === 'warn' && e.fields.gameId === id && /score went backwards/.test(e.msg));
    assert.ok(warned.length > 0, 'the backward score was logged');
    assert.ok(warned.every((e) => Array.isArray(e.fields.actions) && e.fields.actions.length > 0), 'naming the actions');
    assert.ok(plan.record('stale rows').hits > 0);
    assert.ok(STALE_MINUTES.every((m) => run!.truth.get(id)!.d[m - 1] !== 0), 'no minute the stale rows end is level');
    assertStreamWentOn(run, plan, 'score backwards', id);
    assertRecovered(run, id);
  });

  it('scores going backwards on a stale scoreboard copy: the stream never takes a game back in time', (t) => {
    const r = run;
    if (!r) return t.skip(data.reason);
    assert.ok(plan.record('stale scoreboard edge').hits > 0);
    for (const id of Object.values(GAMES) as string[]) {
      const updates: ScoreUpdate[] = messagesOf(r, 'score_update', id);
      const back = updates.filter((m, i) => i > 0 && wentBack(updates[i - 1] as ScoreUpdate, m));
      assert.deepEqual(back.map((m) => `${m.data.period} ${m.data.clock} ${m.data.home_score}-${m.data.away_score}`), [], `${id} score_update back in game time`);
    }
  });

  it('a deleted action: the phantom three moved the pattern while it stood, and its deletion put it right', (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.deleted;
    assert.ok(sawOffBy(run, id, (d) => d === 3), 'a pattern with the phantom three was sent');
    assertStreamWentOn(run, plan, 'phantom three', id);
    assertRecovered(run, id);
    assert.deepEqual(run.log.problemsOf(id), [], 'a deletion is the feed working, not an error');
  });

  it('an edited action: the two first scored as a three is corrected everywhere once edited', (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.edited;
    assert.ok(sawOffBy(run, id, (d) => Math.abs(d) === 1), 'a pattern with the three-point reading was sent');
    assertStreamWentOn(run, plan, 'scored as three', id);
    assertRecovered(run, id);
    assert.deepEqual(run.log.problemsOf(id), []);
  });

  it('a late-filed action: placed by its clock, not its (higher) action number', (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.lateFiled;
    const truth = run.truth.get(id)!.d;
    const before = messagesOf(run, 'pattern_progress', id).filter((m) => m.pattern.length >= lateMinute);
    assert.ok(before.some((m) => m.pattern[lateMinute - 1] !== truth[lateMinute - 1]), `d${lateMinute} was off while the shot was missing`);
    assert.ok(plan.record('withheld').hits > 0 && plan.record('filed late').hits > 0);
    assertRecovered(run, id);
    assert.deepEqual(run.log.problemsOf(id), []);
  });

  it('leaves the game without a fault exact all along, nothing logged about it', (t) => {
    if (!run) return t.skip(data.reason);
    const id = GAMES.clean;
    assertRecovered(run, id);
    assert.ok(messagesOf(run, 'pattern_progress', id).every((m) => !m.approximate));
    const updates: ScoreUpdate[] = messagesOf(run, 'score_update', id);
    assert.ok(updates.every((m, i) => i === 0 || !wentBack(updates[i - 1] as ScoreUpdate, m)), 'a fresh feed never goes back in game time');
    assert.deepEqual(run.log.problemsOf(id), []);
  });
});

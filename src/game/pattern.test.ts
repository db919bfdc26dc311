import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff, REGULATION_MINUTES } from '../domain/minutes.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { buildMinutePattern } from './pattern.ts';
import { action, basketEachMinute, fill } from './testing/actions.ts';

describe('buildMinutePattern', () => {
  it('takes d_k from the last scoring action at or before k:00, boundary included', () => {
    const actions = [
      action(1, '12:00', 'start', [0, 0]),
      action(1, '11:30', 'made2', [2, 0]),
      action(1, '11:00', 'made3', [2, 3]), // exactly 1:00 elapsed → minute 1
      action(1, '10:59', 'ft', [3, 3]),
      action(1, '9:45', 'rebound', [3, 3]),
    ];
    const p = buildMinutePattern(actions);
    assert.deepEqual(p.pattern, [-1, 0]);
    assert.deepEqual([p.homeScore, p.awayScore], [3, 3]);
  });

  it('completes a minute only when the game is seen past it', () => {
    const p = buildMinutePattern([action(1, '12:00', 'start', [0, 0]), action(1, '11:00', 'made2', [2, 0])]);
    assert.deepEqual(p.pattern, []); // exactly at 1:00: minute 1 could still score
    const q = buildMinutePattern([action(1, '11:00', 'made2', [2, 0]), action(1, '10:59', 'rebound', [2, 0])]);
    assert.deepEqual(q.pattern, [2]);
  });

  it('ignores scores carried by non-scoring actions (stale replay and period-start rows)', () => {
    const actions = [
      action(1, '11:30', 'made2', [2, 0]),
      action(1, '11:10', 'replay', [9, 0]), // stale or wrong: must not move the pattern
      action(1, '11:05', 'miss2', [9, 9]),
      action(1, '10:30', 'rebound', [2, 0]),
    ];
    assert.deepEqual(buildMinutePattern(actions).pattern, [2]);
  });

  it('orders by period and clock, not by actionNumber, so a late-filed basket lands in its minute', () => {
    const early = action(1, '11:30', 'made2', [2, 0]);
    const later = action(1, '9:50', 'made2', [4, 0]);
    const lateFiled = action(1, '10:40', 'made3', [2, 3], { actionNumber: 999, orderNumber: 15_000 });
    const tail = action(1, '8:59', 'rebound', [4, 3]);
    // The late-filed basket carries the score as of its own time; the one after it shows the running total.
    const corrected = { ...later, scoreAway: '3' };
    const p = buildMinutePattern([early, corrected, lateFiled, tail]);
    assert.deepEqual(p.pattern, [2, -1, 1]);
  });

  it('keeps file order within the same second (orderNumber)', () => {
    const a = action(1, '11:00', 'ft', [1, 0], { orderNumber: 1 });
    const b = action(1, '11:00', 'ft', [2, 0], { orderNumber: 2 });
    const p = buildMinutePattern([b, a, action(1, '10:00', 'rebound', [2, 0])]);
    assert.deepEqual(p.pattern, [2]);
  });

  it('drops deleted actions and applies edited ones: the pattern follows the latest document', () => {
    const basket = action(1, '11:30', 'made3', [3, 0]);
    const tail = action(1, '10:50', 'rebound', [3, 0]);
    assert.deepEqual(buildMinutePattern([basket, tail]).pattern, [3]);
    assert.deepEqual(buildMinutePattern([tail]).pattern, [0]); // deleted
    const edited = { ...basket, actionType: '2pt', scoreHome: '2' };
    assert.deepEqual(buildMinutePattern([edited, tail]).pattern, [2]);
    // A feed repeating an actionNumber: the later copy wins.
    assert.deepEqual(buildMinutePattern([basket, edited, tail]).pattern, [2]);
  });

  it('does not count a free throw stamped 12:00 of Q2 toward minute 12, and the period end closes minute 12', () => {
    const actions = [
      action(1, '0:30', 'made2', [10, 8]),
      action(1, '0:00', 'end', [10, 8]),
      action(2, '12:00', 'ft', [10, 9]),
    ];
    const p = buildMinutePattern([...fill(1, 720, 60, [0, 0], 60), ...actions]);
    assert.equal(p.pattern.length, 12);
    assert.equal(p.pattern[11], 2);
  });

  it('adds five-minute overtime minutes after d48', () => {
    const actions = [action(4, '0:00', 'end', [100, 100]), action(5, '2:00', 'made2', [102, 100]), action(5, '0:00', 'gameEnd', [102, 100])];
    const p = buildMinutePattern(actions);
    assert.equal(p.pattern.length, 53);
    assert.equal(minuteDiff(p.pattern, REGULATION_MINUTES), 0);
    assert.deepEqual(p.pattern.slice(48), [0, 0, 2, 2, 2]);
  });

  it('reports scoring actions whose score went backwards', () => {
    const p = buildMinutePattern([action(1, '11:30', 'made2', [4, 0]), action(1, '11:00', 'made2', [2, 0]), action(1, '10:00', 'rebound', [2, 0])]);
    assert.equal(p.backwardScores.length, 1);
  });

  it('reproduces the halftime and final margins of a real game from the live CDN', (t) => {
    const dir = requireDataDir(t, 'live/playbyplay_0022000001.json', 'live/boxscore_0022000001.json');
    if (!dir) return;
    const pbp = JSON.parse(readFileSync(path.join(dir, 'live/playbyplay_0022000001.json'), 'utf8'));
    const box = JSON.parse(readFileSync(path.join(dir, 'live/boxscore_0022000001.json'), 'utf8'));
    const p = buildMinutePattern(pbp.game.actions);
    const half = (team: { periods: Array<{ period: number; score: number }> }): number =>
      team.periods.filter((x) => x.period <= 2).reduce((s, x) => s + x.score, 0);
    assert.equal(p.pattern.length, 48);
    assert.equal(minuteDiff(p.pattern, HALFTIME_MINUTE), half(box.game.homeTeam) - half(box.game.awayTeam));
    assert.equal(minuteDiff(p.pattern, REGULATION_MINUTES), box.game.homeTeam.score - box.game.awayTeam.score);
    assert.equal(minuteDiff(p.pattern, REGULATION_MINUTES), 125 - 99);
  });

  it('gives the same pattern for frozen actions, read once and remembered, as for plain ones', () => {
    const plain = basketEachMinute(20);
    const frozen = plain.map((a) => Object.freeze({ ...a }));
    const expected = buildMinutePattern(plain);
    assert.deepEqual(buildMinutePattern(frozen), expected);
    assert.deepEqual(buildMinutePattern(frozen), expected);
    // An edit arrives as a new object: the remembered reading of the old one does not stand in for it.
    const edited = [...frozen];
    edited[3] = Object.freeze({ ...frozen[3]!, scoreHome: String(Number(frozen[3]!.scoreHome) + 1) });
    assert.deepEqual(buildMinutePattern(edited), buildMinutePattern(edited.map((a) => ({ ...a }))));
    assert.notDeepEqual(buildMinutePattern(edited).pattern, expected.pattern);
  });

  it('reads an unfrozen action afresh every time, so a change in place counts', () => {
    const actions = basketEachMinute(5).map((a) => ({ ...a }));
    const before = buildMinutePattern(actions).pattern;
    const first = actions[0]!;
    (first as { scoreHome: string }).scoreHome = String(Number(first.scoreHome) + 10);
    assert.notDeepEqual(buildMinutePattern(actions).pattern, before);
  });
});

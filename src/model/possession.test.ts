import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlayEvent } from './possession.ts';
import { possessionAfter, possessionByMinute } from './possession.ts';

/** A row as stats.nba.com files it: the acting team's description filled, the other empty. */
function ev(period: number, clock: string, msgType: number, msgActionType: number, home: string, visitor = ''): PlayEvent {
  const [m, s] = clock.split(':').map(Number) as [number, number];
  return { period, secondsLeft: m * 60 + s, msgType, msgActionType, homeDescription: home, visitorDescription: visitor };
}
const none = (): 0 => 0;
/** Possession at the end of a minute (1-based). */
const at = (byMinute: Int8Array, minute: number): number | undefined => byMinute[minute - 1];
const after = (e: PlayEvent, before: -1 | 0 | 1): number => possessionAfter(e, before, none);

test('made shots, rebounds and turnovers hand the ball over as the issue says', () => {
  assert.equal(after(ev(1, '11:44', 1, 101, '', "Irving 10' Jump Shot (2 PTS)"), -1), 1, 'an away basket gives the home team the ball');
  assert.equal(after(ev(1, '11:27', 2, 5, "MISS Rose 2' Layup", 'Horford BLOCK (1 BLK)'), 1), 1, 'a miss changes nothing by itself, whoever blocked it');
  assert.equal(after(ev(1, '11:23', 4, 0, '', 'Horford REBOUND (Off:0 Def:1)'), 1), -1);
  assert.equal(after(ev(1, '10:51', 4, 0, '', 'Celtics Rebound'), 1), -1, 'a team rebound');
  assert.equal(after(ev(1, '7:49', 5, 2, 'Rose Lost Ball Turnover (P1.T1)', 'Irving STEAL (1 STL)'), 1), -1, 'the turnover, not the steal, names the team');
  assert.equal(after(ev(1, '8:49', 6, 2, '', 'Hayward S.FOUL (P1.T2)'), 1), 1, 'a shooting foul: the fouled team');
  assert.equal(after(ev(1, '8:49', 6, 4, '', 'Baynes OFF.Foul (P4)'), -1), 1, 'an offensive foul: the other team');
});

test('free throws: the last one made hands the ball over; technical, flagrant and clear-path trips do not', () => {
  assert.equal(after(ev(1, '8:49', 3, 11, 'Crowder Free Throw 1 of 2 (3 PTS)'), 1), 1);
  assert.equal(after(ev(1, '8:49', 3, 12, 'Crowder Free Throw 2 of 2 (4 PTS)'), 1), -1);
  assert.equal(after(ev(1, '8:49', 3, 12, 'MISS Crowder Free Throw 2 of 2'), 1), 1, 'a missed last free throw waits for the rebound');
  assert.equal(after(ev(1, '5:00', 3, 10, '', 'Brown Free Throw 1 of 1 (7 PTS)'), -1), 1, 'an and-one');
  assert.equal(after(ev(1, '5:00', 3, 15, '', 'Walker Free Throw 3 of 3 (6 PTS)'), -1), 1);
  assert.equal(after(ev(1, '10:32', 3, 16, 'Love Free Throw Technical (1 PTS)'), -1), -1, 'a technical free throw');
  assert.equal(after(ev(1, '10:32', 6, 17, '', 'Celtics T.Foul (Def. 3 Sec Tatum )'), -1), -1, 'defensive three seconds is a technical');
  assert.equal(after(ev(1, '10:32', 6, 11, '', 'Irving T.FOUL (P2.T1)'), 1), 1);
  assert.equal(after(ev(1, '3:00', 6, 14, '', 'Tucker FLAGRANT.FOUL.TYPE1 (P1.T4)'), -1), 1, 'a flagrant foul: the fouled team');
  assert.equal(after(ev(1, '3:00', 3, 19, 'Durant Free Throw Flagrant 2 of 2 (9 PTS)'), 1), 1, 'which keeps the ball after its free throws');
  assert.equal(after(ev(1, '3:00', 3, 26, '', 'VanVleet Free Throw Clear Path 2 of 2 (6 PTS)'), -1), -1);
});

test('a jump ball goes to the team of the player it was tipped to, found by name in the game', () => {
  const game = [
    ev(1, '12:00', 10, 0, 'Jump Ball Love vs. Horford: Tip to Irving'),
    ev(1, '11:44', 1, 101, '', "Irving 10' Driving Floating Jump Shot (2 PTS) (Horford 1 AST)"),
    ev(1, '11:27', 2, 5, "MISS Rose 2' Layup", 'Horford BLOCK (1 BLK)'),
  ];
  const byMinute = possessionByMinute(game);
  // Tip to Irving (away), Irving scores, Rose (home) misses: still home's ball at 1:00.
  assert.equal(at(byMinute, 1), 1);
  assert.equal(possessionAfter(game[0] as PlayEvent, 0, () => -1), -1);
  // Nobody of that name anywhere else: unknown, and the ball stays where it was.
  assert.equal(at(possessionByMinute([ev(1, '12:00', 10, 0, 'Jump Ball A vs. B: Tip to Nobody')]), 1), 0);
});

test('minutes follow the clock, not the file: late-filed rows, boundaries, and the next period at quarter ends', () => {
  const rows = [
    ev(1, '12:00', 10, 0, 'Jump Ball Love vs. Horford: Tip to Love'),
    ev(1, '11:30', 1, 1, "Love 2' Layup (2 PTS)"),
    // Filed before the basket it followed, stamped later in the game.
    ev(1, '11:00', 1, 1, '', "Irving 20' Jump Shot (2 PTS)"),
    ev(1, '11:10', 4, 0, '', 'Horford REBOUND (Off:0 Def:1)'),
    // Exactly 6:00 left in the second quarter belongs to minute 18.
    ev(2, '6:00', 5, 2, '', 'Brown Bad Pass Turnover (P1.T1)'),
    ev(2, '5:59', 2, 1, "MISS Love 3PT Jump Shot"),
    ev(2, '5:58', 4, 0, '', 'Brown REBOUND (Off:0 Def:1)'),
  ];
  const p = possessionByMinute(rows);
  assert.equal(p.length, 48);
  assert.equal(at(p, 1), 1, 'after the away basket at 11:00 (1:00 of game time) the home team has it');
  assert.equal(at(p, 18), 1, 'minute 18 ends with the away turnover stamped exactly 6:00');
  assert.equal(at(p, 19), -1, 'minute 19: the away rebound');
  // The home team won the tip: the away team starts the second and third quarters, home the fourth.
  assert.deepEqual([at(p, 12), at(p, 24), at(p, 36)], [-1, -1, 1]);
  assert.equal(at(p, 48), 0, 'the end of regulation: a game over or a jump ball to come');
});

test('overtime periods add five minutes each; a row at 12:00 of a period opens it', () => {
  const rows = [
    ev(1, '12:00', 10, 0, 'Jump Ball A vs. B: Tip to A'),
    ev(1, '11:50', 1, 1, "A 2' Layup (2 PTS)"),
    ev(2, '12:00', 4, 0, 'A REBOUND (Off:0 Def:1)'),
    ev(5, '5:00', 10, 0, 'Jump Ball A vs. B: Tip to A'),
    ev(5, '3:30', 1, 1, "A 2' Layup (2 PTS)"),
    ev(6, '2:00', 1, 1, "A 2' Layup (2 PTS)"),
  ];
  const p = possessionByMinute(rows);
  assert.equal(p.length, 58);
  assert.equal(at(p, 13), 1, 'the rebound at 12:00 of the second quarter counts in minute 13');
  assert.equal(at(p, 50), -1, 'two minutes into the first overtime (minute 50) the away team has it after the basket');
  assert.equal(at(p, 53), 0, 'the end of the first overtime');
  assert.equal(at(p, 56), -1, 'minute 56: three minutes into the second overtime');
});

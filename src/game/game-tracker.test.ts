import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GameTracker, type TrackerEvent } from './game-tracker.ts';
import { action, fill } from './testing/actions.ts';
import type { LiveAction, ScoreboardObservation } from './types.ts';

const info = { gameId: '0021700001', homeTeam: 'CLE', awayTeam: 'BOS', gameDate: '2017-10-17', startTime: '2017-10-18T00:00:00Z' };
const kinds = (events: TrackerEvent[]): string[] => events.map((e) => e.kind);
const live = (period: number, clock: string, home: number, away: number, extra: Partial<ScoreboardObservation> = {}): ScoreboardObservation => ({
  gameStatus: 2, period, gameClock: clock, homeScore: home, awayScore: away, ...extra,
});

/** A first half where home leads by (minute mod 5) at the end of each minute. */
function firstHalf(throughSecondsLeftInQ2: number): LiveAction[] {
  const out: LiveAction[] = [];
  let home = 0;
  for (let k = 1; k <= 24; k++) {
    const period = k <= 12 ? 1 : 2;
    const left = (period === 1 ? 12 : 24) * 60 - k * 60 + 30; // mid-minute
    if (period === 2 && left < throughSecondsLeftInQ2) break;
    home = (k % 5) + 100;
    out.push(action(period, `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`, 'made2', [home, 100]));
    if (k === 12) out.push(action(1, '0:00', 'end', [home, 100]));
  }
  return out;
}

describe('GameTracker', () => {
  it('sends score updates only when something changed, with the status the fans see', () => {
    const t = new GameTracker(info);
    const scheduled: ScoreboardObservation = { gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0 };
    assert.deepEqual(kinds(t.observeScoreboard(scheduled)), ['score'], 'a game first seen on the board is announced, even at 0-0');
    assert.deepEqual(kinds(t.observeScoreboard(scheduled)), []);
    const e = t.observeScoreboard(live(1, 'PT11M40.00S', 2, 0));
    assert.deepEqual(kinds(e), ['score']);
    assert.deepEqual(t.score, { homeScore: 2, awayScore: 0, period: 1, clock: '11:40', status: 'In Progress' });
    assert.deepEqual(kinds(t.observeScoreboard(live(1, 'PT11M40.00S', 2, 0))), []);
    t.observeScoreboard(live(2, 'PT00M00.00S', 50, 48, { statusText: 'Half' }));
    assert.equal(t.score.status, 'Halftime');
    t.observeScoreboard({ gameStatus: 3, period: 4, gameClock: '', homeScore: 99, awayScore: 98 });
    assert.deepEqual(t.score, { homeScore: 99, awayScore: 98, period: 4, clock: '', status: 'Final' });
  });

  it('triggers exactly once, only after 18:00 has passed, with d1..d18', () => {
    const t = new GameTracker(info);
    const atSix = [...firstHalf(390), action(2, '6:00', 'rebound', [104, 100])];
    assert.ok(!kinds(t.observePlayByPlay(atSix)).includes('trigger'), 'exactly 6:00 left is still minute 18');
    const past = [...atSix, action(2, '5:59', 'rebound', [104, 100])];
    const events = t.observePlayByPlay(past);
    const trigger = events.find((e) => e.kind === 'trigger');
    assert.ok(trigger && trigger.kind === 'trigger');
    assert.equal(trigger.pattern.length, 18);
    assert.deepEqual(trigger.pattern, Array.from({ length: 18 }, (_, i) => ((i + 1) % 5)));
    assert.equal(trigger.period, 2);
    assert.equal(trigger.clock, '05:59');
    assert.equal(trigger.approximate, false);
    assert.ok(!kinds(t.observePlayByPlay([...past, action(2, '5:00', 'rebound', [104, 100])])).includes('trigger'));
  });

  it('grades halftime once when the second period closes', () => {
    const t = new GameTracker(info);
    const half = [...firstHalf(0), action(2, '0:00', 'end', [104, 100])];
    const events = t.observePlayByPlay(half);
    // Seen whole at once: the forecast moment has passed, so halftime is graded without one.
    assert.deepEqual(kinds(events), ['minutes', 'halftime']);
    const h = events.find((e) => e.kind === 'halftime');
    assert.ok(h && h.kind === 'halftime' && h.actual === 4);
    assert.ok(!kinds(t.observePlayByPlay(half)).includes('halftime'));
  });

  it('falls back to scoreboard snapshots, marked approximate, and backfills exactly when play-by-play returns', () => {
    const t = new GameTracker(info);
    t.observeScoreboard(live(1, 'PT09M30.00S', 105, 100)); // minute 3, seen while play-by-play still answers
    t.observePlayByPlay(firstHalf(720).slice(0, 3)); // minutes 1..2 exact
    assert.deepEqual(t.pattern, [1, 2]);
    t.playByPlayUnavailable();
    t.observeScoreboard(live(1, 'PT08M40.00S', 110, 100));
    t.observeScoreboard(live(1, 'PT07M50.00S', 111, 100));
    assert.equal(t.approximate, true);
    assert.deepEqual(t.pattern, [1, 2, 5, 10]);
    const back = t.observePlayByPlay(firstHalf(720).slice(0, 6));
    assert.deepEqual(kinds(back), ['minutes']);
    assert.equal(t.approximate, false);
    assert.deepEqual(t.pattern, [1, 2, 3, 4, 0]);
  });

  it('revises a halftime known only from the scoreboard once, when play-by-play brings the exact d24', () => {
    const t = new GameTracker(info);
    t.observeScoreboard(live(2, 'PT03M30.00S', 104, 100));
    t.observePlayByPlay(firstHalf(210));
    t.playByPlayUnavailable();
    // Back after halftime: the last score seen before the outage stands for d24.
    const stale = t.observeScoreboard(live(3, 'PT09M00.00S', 120, 110));
    assert.deepEqual(stale.filter((e) => e.kind === 'halftime'), [{ kind: 'halftime', actual: 4, approximate: true }]);
    const exactHalf = [...firstHalf(0), action(2, '0:10', 'made3', [107, 100]), action(2, '0:00', 'end', [107, 100])];
    const back = t.observePlayByPlay(exactHalf);
    assert.deepEqual(kinds(back), ['minutes', 'halftime_revised']);
    assert.deepEqual(back.at(-1), { kind: 'halftime_revised', actual: 7 });
    assert.ok(!kinds(t.observePlayByPlay([...exactHalf, ...fill(3, 720, 570, [109, 100])])).includes('halftime_revised'));
  });

  it('never revises an exact halftime, and a restored tracker still owes the exact one', () => {
    const t = new GameTracker(info);
    const events = t.observePlayByPlay([...firstHalf(0), action(2, '0:00', 'end', [104, 100])]);
    assert.deepEqual(kinds(events), ['minutes', 'halftime']);
    t.playByPlayUnavailable();
    t.observeScoreboard(live(3, 'PT09M00.00S', 120, 110));
    assert.ok(!kinds(t.observePlayByPlay([...firstHalf(0), action(2, '0:00', 'end', [104, 100])])).includes('halftime_revised'));

    const pattern = Array.from({ length: 24 }, (_, i) => i);
    const restored = new GameTracker(info, { pattern, approximate: false, triggered: true, halftimeKnown: true, halftimeApproximate: true });
    assert.deepEqual(restored.playByPlayUnchanged(), [{ kind: 'halftime_revised', actual: 23 }]);
    assert.deepEqual(restored.playByPlayUnchanged(), []);
  });

  it('invents nothing for minutes before its first sight of the game', () => {
    const t = new GameTracker(info);
    t.playByPlayUnavailable();
    const events = t.observeScoreboard({ gameStatus: 3, period: 4, gameClock: '', homeScore: 99, awayScore: 90 });
    assert.deepEqual(t.pattern, []);
    assert.ok(!kinds(events).includes('halftime'));
    // Seen scheduled first, it stood 0-0 at the tip: that much is known.
    const seen = new GameTracker(info);
    seen.playByPlayUnavailable();
    seen.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0 });
    seen.observeScoreboard(live(1, 'PT09M30.00S', 4, 0));
    assert.deepEqual(seen.pattern, [0, 0]);
  });

  it('never goes back in time on a stale scoreboard copy', () => {
    const t = new GameTracker(info);
    t.observeScoreboard(live(2, 'PT05M00.00S', 50, 48));
    assert.deepEqual(kinds(t.observeScoreboard(live(2, 'PT06M10.00S', 47, 48))), []);
    assert.deepEqual(kinds(t.observeScoreboard(live(1, 'PT01M00.00S', 30, 30))), []);
    assert.equal(t.score.homeScore, 50);
    // A basket taken off at the same moment or later is a correction, and is taken.
    assert.deepEqual(kinds(t.observeScoreboard(live(2, 'PT05M00.00S', 48, 48))), ['score']);
    t.observeScoreboard({ gameStatus: 3, period: 4, gameClock: '', homeScore: 99, awayScore: 98 });
    assert.deepEqual(kinds(t.observeScoreboard(live(4, 'PT00M10.00S', 97, 98))), []);
    assert.equal(t.score.status, 'Final');
  });

  it('keeps asking for play-by-play after the final until the pattern is exact, then settles', () => {
    const t = new GameTracker(info);
    t.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0 });
    t.playByPlayUnavailable();
    t.observeScoreboard({ gameStatus: 3, period: 4, gameClock: '', homeScore: 99, awayScore: 98 });
    assert.equal(t.pattern.length, 48);
    assert.equal(t.approximate, true);
    assert.equal(t.complete, false);
    assert.equal(t.settled, false);
    for (let i = 0; i < 29; i++) t.playByPlayUnavailable();
    assert.equal(t.settled, false);
    assert.deepEqual(kinds(t.playByPlayUnavailable()), ['final']);
    assert.equal(t.settled, true);
    assert.equal(t.complete, false);
  });

  it('does not forecast a game first seen after halftime, and a restored tracker never triggers twice', () => {
    const late = new GameTracker(info);
    const events = late.observePlayByPlay([...firstHalf(0), action(2, '0:00', 'end', [104, 100]), action(3, '11:00', 'rebound', [104, 100])]);
    assert.ok(!kinds(events).includes('trigger'));
    assert.ok(kinds(events).includes('halftime'));
    const restored = new GameTracker(info, { pattern: [1, 2, 3], approximate: false, triggered: true, halftimeKnown: false });
    const again = restored.observePlayByPlay([...firstHalf(300)]);
    assert.ok(!kinds(again).includes('trigger'));
  });

  it('owes a game it followed before halftime its forecast, flagged late, when an outage spans 18:00 to halftime', () => {
    const t = new GameTracker(info, { pattern: [1, 2, 3], approximate: false, triggered: false, halftimeKnown: false });
    const events = t.observePlayByPlay([...firstHalf(0), action(2, '0:00', 'end', [104, 100]), action(3, '11:00', 'rebound', [104, 100])]);
    const trigger = events.find((e) => e.kind === 'trigger');
    assert.ok(trigger && trigger.kind === 'trigger');
    assert.equal(trigger.late, true);
    assert.deepEqual(trigger.pattern, Array.from({ length: 18 }, (_, i) => (i + 1) % 5));
    assert.deepEqual(kinds(events), ['minutes', 'trigger', 'halftime']);
    // Followed live from the first quarter, then a long stall: the same.
    const stalled = new GameTracker(info);
    stalled.observeScoreboard(live(1, 'PT05M00.00S', 10, 8));
    const later = stalled.observePlayByPlay([...firstHalf(0), action(2, '0:00', 'end', [104, 100])]);
    assert.ok(later.some((e) => e.kind === 'trigger' && e.late));
  });

  it('is complete only when final and every minute is collected, overtime included', () => {
    const t = new GameTracker(info);
    t.observeScoreboard({ gameStatus: 3, period: 5, gameClock: '', homeScore: 110, awayScore: 108 });
    assert.equal(t.complete, false);
    const events = t.observePlayByPlay([...fill(4, 720, 0, [100, 100], 60), action(4, '0:00', 'end', [100, 100]), action(5, '1:00', 'made2', [102, 100]), action(5, '0:00', 'gameEnd', [102, 100])]);
    assert.equal(t.pattern.length, 53);
    assert.equal(t.complete, true);
    assert.ok(kinds(events).includes('final'));
  });

  it('follows a feed that hands back the same frozen actions, new ones and edited ones', () => {
    const t = new GameTracker(info);
    const frozen = firstHalf(400).map((a) => Object.freeze({ ...a }));
    const first = t.observePlayByPlay(frozen);
    assert.ok(kinds(first).includes('minutes'));
    const before = [...t.pattern];
    // A new body of the very same objects: nothing to say.
    assert.deepEqual(kinds(t.observePlayByPlay([...frozen])), []);
    // An edit of the first basket is a new object in the same place: the pattern moves.
    const edited = [...frozen];
    edited[0] = Object.freeze({ ...frozen[0]!, scoreHome: String(Number(frozen[0]!.scoreHome) + 3) });
    assert.ok(kinds(t.observePlayByPlay(edited)).includes('minutes'));
    assert.equal(t.pattern[0], (before[0] as number) + 3);
  });

  it('follows a live game on padded clocks like any other', () => {
    const t = new GameTracker(info);
    assert.deepEqual(kinds(t.observeScoreboard(live(3, '3:37 ', 80, 75, { statusText: '3rd Qtr  ' }))), ['score']);
    assert.deepEqual(t.score, { homeScore: 80, awayScore: 75, period: 3, clock: '03:37', status: 'In Progress' });
    assert.equal(t.clockError, undefined);
  });

  it('keeps a live game whose clock cannot be read: its score, its status, no invented minutes', () => {
    const t = new GameTracker(info);
    t.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0 });
    t.playByPlayUnavailable();
    const events = t.observeScoreboard(live(1, '4 min 2', 9, 7));
    assert.deepEqual(kinds(events), ['score']);
    assert.deepEqual(t.score, { homeScore: 9, awayScore: 7, period: 1, clock: '', status: 'In Progress' });
    assert.equal(t.clockError?.text, '4 min 2');
    assert.deepEqual(t.pattern, [], 'no minute completed from a clock nobody could read');
    // The next readable clock clears it and the game goes on.
    t.observeScoreboard(live(1, 'PT09M30.00S', 11, 7));
    assert.equal(t.clockError, undefined);
    assert.deepEqual(t.pattern, [0, 0]);
  });

  it('completes no period from a live game that shows no clock, unless its text says the period is over', () => {
    const t = new GameTracker(info);
    t.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0 });
    t.playByPlayUnavailable();
    t.observeScoreboard(live(1, '', 0, 0, { statusText: '1st Qtr' }));
    assert.deepEqual(t.pattern, []);
    t.observeScoreboard(live(1, '', 30, 28, { statusText: 'End of 1st Qtr' }));
    assert.equal(t.pattern.length, 12);
    assert.equal(t.score.clock, '00:00');
  });

  it('settles a game that is off (TBD, postponed, cancelled) without calling it final, and picks it up if it is played after all', () => {
    for (const [statusText, gameStatus, want] of [['TBD', 1, 'TBD'], ['PPD', 1, 'Postponed'], ['Postponed', 3, 'Postponed'], [' Cancelled ', 1, 'Cancelled']] as const) {
      const t = new GameTracker(info);
      const events = t.observeScoreboard({ gameStatus, period: 0, gameClock: '', homeScore: 0, awayScore: 0, statusText });
      assert.equal(t.score.status, want);
      assert.equal(t.settled, true, statusText);
      assert.ok(!kinds(events).includes('final'), `${statusText} is not final`);
      assert.ok(!kinds(t.playByPlayUnavailable()).includes('final'));
    }
    const necessary = new GameTracker(info);
    necessary.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0, statusText: 'TBD' });
    necessary.observeScoreboard({ gameStatus: 1, period: 0, gameClock: '', homeScore: 0, awayScore: 0, statusText: '8:00 pm ET' });
    assert.equal(necessary.score.status, 'Scheduled');
    assert.equal(necessary.settled, false);
    necessary.observeScoreboard(live(1, 'PT11M00.00S', 2, 0));
    assert.equal(necessary.score.status, 'In Progress');
    assert.equal(necessary.settled, false);
  });

  it('is settled when restored off from the store', () => {
    const t = new GameTracker(info, { pattern: [], approximate: false, triggered: false, halftimeKnown: false, score: { homeScore: 0, awayScore: 0, period: 0, clock: '', status: 'Postponed' } });
    assert.equal(t.settled, true);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlayByPlayAction } from '../feed/nba-schemas.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { convertGame, ORDER_STEP, type ConvertedGame, type FeedAction } from './convert.ts';
import { loadNightGames, type LoadedGame } from './dataset.ts';
import { parsePlayByPlay, PBP_COLUMNS } from './pbp-csv.ts';

/** Opening night 2017-18: BOS @ CLE (0021700001) and HOU @ GSW (0021700002). */
function openingNight(dataDir: string): Map<string, { game: LoadedGame; converted: ConvertedGame }> {
  const { games } = loadNightGames(dataDir, '2017-10-17');
  return new Map(games.map((game) => [game.info.gameId, { game, converted: convertGame(game.rows, { home: game.info.homeTeam, away: game.info.awayTeam }) }]));
}

const byNumber = (c: ConvertedGame, n: number): FeedAction => {
  const found = c.actions.find((a) => a.action.actionNumber === n);
  assert.ok(found, `action ${n}`);
  return found.action;
};

test('real games: actions follow game order, not EVENTNUM, and every one fits the feed schema', (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const night = openingNight(dataDir);
  assert.deepEqual([...night.keys()].sort(), ['0021700001', '0021700002']);
  for (const { game, converted } of night.values()) {
    const actions = converted.actions.map((a) => a.action);
    assert.equal(actions.length, game.rows.length + 1, 'one action per row, plus the game end');
    for (const a of actions) PlayByPlayAction.parse(a);
    assert.deepEqual(actions.map((a) => a.orderNumber), actions.map((_, i) => (i + 1) * ORDER_STEP));
    // Game order: period ascending, clock descending.
    for (let i = 1; i < converted.actions.length; i++) {
      const [p, c] = [converted.actions[i - 1], converted.actions[i]] as const;
      assert.ok(p && c && (p.action.period < c.action.period || (p.action.period === c.action.period && p.secondsLeft >= c.secondsLeft)));
    }
    const numbers = actions.map((a) => a.actionNumber);
    assert.notDeepEqual(numbers, [...numbers].sort((a, b) => a - b), 'late-filed events: EVENTNUM is not game order');
    assert.equal(new Set(numbers).size, numbers.length);
  }
  // BOS @ CLE: event 679, Baynes' shooting foul at 2:38 of Q1, was filed after the final buzzer
  // (the game's last row is 674). It sits by its clock, between 118 and 120.
  const cle = night.get('0021700001')?.converted as ConvertedGame;
  const order = cle.actions.map((a) => a.action.actionNumber);
  assert.deepEqual(order.slice(order.indexOf(118), order.indexOf(118) + 3), [118, 679, 120]);
  assert.deepEqual(pick(byNumber(cle, 679)), { actionType: 'foul', subType: 'personal', shotResult: undefined, teamTricode: 'BOS', scoreHome: '22', scoreAway: '17' });
  assert.equal(order.at(-1), 680, 'the game end takes the next free number');
  assert.equal(byNumber(cle, 120).clock, 'PT02M38.00S');
  assert.equal(byNumber(cle, 120).actionType, 'timeout');
  assert.equal(byNumber(cle, 120).subType, 'full');
  assert.equal(byNumber(cle, 120).teamTricode, 'BOS');
});

test('real games: running score on every action from made shots and free throws only', (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const night = openingNight(dataDir);
  const cle = night.get('0021700001')?.converted as ConvertedGame;
  const first = cle.actions[0]?.action as FeedAction;
  assert.deepEqual([first.actionType, first.subType, first.clock, first.periodType, first.scoreHome, first.scoreAway, first.description], ['period', 'start', 'PT12M00.00S', 'REGULAR', '0', '0', 'Period Start']);
  // Event 23: Love's technical free throw, home CLE, SCORE "4 - 1" (AWAY - HOME).
  assert.deepEqual(pick(byNumber(cle, 23)), { actionType: 'freethrow', subType: '1 of 1', shotResult: 'Made', teamTricode: 'CLE', scoreHome: '1', scoreAway: '4' });
  // Event 182: a missed free throw moves nothing.
  const missFt = byNumber(cle, 182);
  assert.equal(missFt.shotResult, 'Missed');
  assert.equal(missFt.subType, '2 of 2');
  const before = cle.actions[cle.actions.findIndex((a) => a.action.actionNumber === 182) - 1]?.action as FeedAction;
  assert.deepEqual([missFt.scoreHome, missFt.scoreAway], [before.scoreHome, before.scoreAway]);
  // 3PT in the description makes it a 3pt shot: Smith (home) and Rozier (away).
  assert.deepEqual(pick(byNumber(cle, 112)), { actionType: '3pt', subType: 'Jump Shot', shotResult: 'Made', teamTricode: 'CLE', scoreHome: '20', scoreAway: '17' });
  assert.deepEqual(pick(byNumber(cle, 217)), { actionType: '3pt', subType: 'Jump Shot', shotResult: 'Made', teamTricode: 'BOS', scoreHome: '34', scoreAway: '25' });
  // Event 9: Rose's missed layup blocked by Horford: the shooter's team acts, the block is credited in the text.
  const blocked = byNumber(cle, 9);
  assert.deepEqual([blocked.actionType, blocked.shotResult, blocked.teamTricode, blocked.isFieldGoal], ['2pt', 'Missed', 'CLE', 1]);
  assert.equal(blocked.description, "MISS Rose 2' Layup; Horford BLOCK (1 BLK)");
  const end = cle.actions.at(-1)?.action as FeedAction;
  assert.deepEqual([end.actionType, end.subType, end.period, end.clock, end.scoreHome, end.scoreAway], ['game', 'end', 4, 'PT00M00.00S', '102', '99']);
  assert.deepEqual([cle.finalHome, cle.finalAway, cle.lastPeriod, cle.missingScores.length], [102, 99, 4, 0]);

  // HOU @ GSW, event 472: an instant replay at 8:39 of Q3 whose SCORE reads "82 - 97", a stale
  // (here: future) value. The action carries the running score of the last made shot (event 394, "72 - 82").
  const gsw = night.get('0021700002')?.converted as ConvertedGame;
  const replay = byNumber(gsw, 472);
  assert.equal(replay.actionType, 'instantreplay');
  assert.deepEqual([replay.scoreHome, replay.scoreAway], ['82', '72']);
  // The running score never goes down in a game the dataset validated.
  let [h, a] = [0, 0];
  for (const { action } of gsw.actions) {
    assert.ok(Number(action.scoreHome) >= h && Number(action.scoreAway) >= a, `score went back at ${action.actionNumber}`);
    [h, a] = [Number(action.scoreHome), Number(action.scoreAway)];
  }
});

test('a made shot without SCORE is counted, and the running score holds', () => {
  const text = [
    PBP_COLUMNS.join(','),
    '0029900001,1,12,0,1,7:10 PM,12:00,,,,,',
    '0029900001,2,1,1,1,7:10 PM,11:40,Smith Jump Shot (2 PTS),,,0 - 2,2',
    '0029900001,3,1,1,1,7:11 PM,11:20,,,Jones 3PT Jump Shot (3 PTS),,',
    '0029900001,4,3,10,1,7:11 PM,11:00,,,Jones Free Throw 1 of 1 (4 PTS),4 - 2,-2',
    '0029900001,5,5,1,1,7:11 PM,10:50,Doe STEAL (1 STL),,Jones Bad Pass Turnover (P1.T1),,',
    '0029900001,6,13,0,1,7:30 PM,0:00,,,,4 - 2,-2',
    '',
  ].join('\n');
  const c = convertGame(parsePlayByPlay(text, 'pbp_1999-00.csv'), { home: 'AAA', away: 'BBB' });
  assert.deepEqual(c.missingScores, [{ eventNum: 3, line: 4 }]);
  assert.deepEqual(c.actions.map((a) => `${a.action.scoreHome}-${a.action.scoreAway}`), ['0-0', '2-0', '2-0', '2-4', '2-4', '2-4', '2-4']);
  const turnover = c.actions[4]?.action as FeedAction;
  assert.deepEqual([turnover.actionType, turnover.subType, turnover.teamTricode], ['turnover', 'bad pass', 'BBB']);
});

test('rows filed out of clock order are put back in game order, file order breaking ties', () => {
  const text = [
    PBP_COLUMNS.join(','),
    '0029900001,1,12,0,1,7:10 PM,12:00,,,,,',
    '0029900001,9,6,1,2,7:50 PM,11:00,Late P.FOUL (P1.T1),,,,',
    '0029900001,2,1,1,1,7:10 PM,11:40,Smith Jump Shot (2 PTS),,,0 - 2,2',
    '0029900001,4,8,0,1,7:12 PM,11:40,SUB: A FOR B,,,,',
    '0029900001,3,13,0,1,7:30 PM,0:00,,,,,',
    '0029900001,8,12,0,2,7:45 PM,12:00,,,,,',
    '0029900001,10,5,0,5,9:45 PM,4:00,,,Jones Traveling Turnover,,',
    '',
  ].join('\n');
  const c = convertGame(parsePlayByPlay(text, 'f.csv'), { home: 'AAA', away: 'BBB' });
  assert.deepEqual(c.actions.map((a) => a.action.actionNumber), [1, 2, 4, 3, 8, 9, 10, 11]);
  const ot = c.actions[6]?.action as FeedAction;
  assert.deepEqual([ot.periodType, ot.clock, ot.subType], ['OVERTIME', 'PT04M00.00S', 'traveling']);
  assert.deepEqual([c.lastPeriod, c.actions.at(-1)?.action.period, c.actions.at(-1)?.action.periodType], [5, 5, 'OVERTIME']);
});

function pick(a: FeedAction): Record<string, unknown> {
  return { actionType: a.actionType, subType: a.subType, shotResult: a.shotResult, teamTricode: a.teamTricode, scoreHome: a.scoreHome, scoreAway: a.scoreAway };
}

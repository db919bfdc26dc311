import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { elapsedSeconds, formatClock, parseClock } from '../game/clock.ts';
import { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument, type ScoreboardGame } from '../feed/nba-schemas.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadSchedule } from './dataset.ts';
import { boxscoreDocument, playByPlayDocument, scoreboardDocument } from './documents.ts';
import { publishedCount } from './game-state.ts';
import { loadNight, type Night, type NightGame } from './night.ts';

// 2017-11-22: 14 games, WAS @ CHA went to overtime, LAL @ SAC tipped at 10:30 pm ET.
const DATE = '2017-11-22';
let loaded: { night: Night; finals: Map<string, { home: number; away: number }> } | undefined;

/** The night, loaded once for the whole file; undefined (test skipped) without the dataset. */
function tonight(t: TestContext): typeof loaded {
  if (loaded) return loaded;
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return undefined;
  const finals = new Map(loadSchedule(dataDir).filter((g) => g.gameDate === DATE).map((g) => [g.gameId, { home: g.finalHome, away: g.finalAway }]));
  loaded = { night: loadNight(dataDir, DATE), finals };
  return loaded;
}

const game = (n: Night, code: string): NightGame => {
  const g = n.games.find((x) => x.gameCode === code);
  assert.ok(g, code);
  return g;
};
const scoreboardGame = (n: Night, t: number, gameId: string): ScoreboardGame => {
  const doc = ScoreboardDocument.parse(scoreboardDocument(n, t));
  assert.equal(doc.scoreboard.gameDate, DATE);
  const g = doc.scoreboard.games.find((x) => x.gameId === gameId);
  assert.ok(g);
  return g;
};
const when = (g: NightGame, pick: (a: NightGame['actions'][number]) => boolean): number => {
  const a = g.actions.find(pick);
  assert.ok(a);
  return a.publishAt;
};

test('before tip-off every game is scheduled, with its ET tip time', (t) => {
  const night = tonight(t)?.night;
  if (!night) return;
  const doc = ScoreboardDocument.parse(scoreboardDocument(night, night.opensAt));
  assert.equal(doc.scoreboard.games.length, 14);
  for (const g of doc.scoreboard.games) {
    assert.deepEqual([g.gameStatus, g.period, g.gameClock, g.homeTeam.score, g.awayTeam.score], [1, 0, '', 0, 0]);
    assert.match(g.gameStatusText, /^\d{1,2}:\d{2} pm ET$/);
  }
  const cha = doc.scoreboard.games.find((g) => g.gameCode === '20171122/WASCHA');
  assert.deepEqual([cha?.gameStatusText, cha?.gameEt, cha?.gameTimeUTC], ['7:00 pm ET', '2017-11-22T19:00:00-05:00', '2017-11-23T00:00:00Z']);
  const sac = doc.scoreboard.games.find((g) => g.gameCode === '20171122/LALSAC');
  assert.deepEqual([sac?.gameStatusText, sac?.gameEt], ['10:30 pm ET', '2017-11-22T22:30:00-05:00']);
});

test('live, half and final states, with period scores that add up', (t) => {
  const { night, finals } = tonight(t) ?? {};
  if (!night || !finals) return;
  const cha = game(night, '20171122/WASCHA');
  const q2End = when(cha, (a) => a.action.period === 2 && a.action.subType === 'end');
  const q3Start = when(cha, (a) => a.action.period === 3 && a.action.subType === 'start');
  const midQ2 = (when(cha, (a) => a.action.period === 2) + q2End) / 2;

  const live = scoreboardGame(night, midQ2, cha.gameId);
  assert.equal(live.gameStatus, 2);
  assert.equal(live.period, 2);
  assert.match(live.gameStatusText, /^Q2 \d{2}:\d{2}$/);
  assert.equal(live.gameStatusText.slice(3), formatClock(parseClock(live.gameClock)));
  assert.equal(live.homeTeam.periods?.reduce((s, p) => s + p.score, 0), live.homeTeam.score);
  assert.equal(live.awayTeam.periods?.reduce((s, p) => s + p.score, 0), live.awayTeam.score);

  const half = scoreboardGame(night, (q2End + q3Start) / 2, cha.gameId);
  assert.deepEqual([half.gameStatus, half.gameStatusText, half.period, half.gameClock], [2, 'Half', 2, 'PT00M00.00S']);
  assert.ok(q3Start - q2End >= 10 * 60_000, 'halftime lasts' );

  const final = scoreboardGame(night, cha.endsAt, cha.gameId);
  const want = finals.get(cha.gameId);
  assert.deepEqual([final.gameStatus, final.gameStatusText, final.gameClock, final.period], [3, 'Final/OT', '', 5]);
  assert.deepEqual([final.homeTeam.score, final.awayTeam.score], [want?.home, want?.away]);
  assert.equal(final.homeTeam.periods?.length, 5);
  assert.equal(final.homeTeam.periods?.[4]?.periodType, 'OVERTIME');
  const box = BoxscoreDocument.parse(boxscoreDocument(cha, cha.endsAt + 3_600_000));
  assert.deepEqual([box.game.gameStatus, box.game.homeTeam.score, box.game.awayTeam.score], [3, want?.home, want?.away]);
  assert.deepEqual(box.game.homeTeam.periods, final.homeTeam.periods);

  const regulation = night.games.find((g) => g.actions.at(-1)?.action.period === 4);
  assert.ok(regulation);
  assert.equal(scoreboardGame(night, night.closesAt, regulation.gameId).gameStatusText, 'Final');
});

test('a game running past midnight keeps its own date in gameCode and on the scoreboard', (t) => {
  const night = tonight(t)?.night;
  if (!night) return;
  const sac = game(night, '20171122/LALSAC');
  const halfPastMidnight = Date.parse('2017-11-23T05:30:00Z');
  assert.ok(sac.startsAt < halfPastMidnight && sac.endsAt > halfPastMidnight, 'live at 12:30 am ET');
  const g = scoreboardGame(night, halfPastMidnight, sac.gameId);
  assert.equal(g.gameStatus, 2);
  assert.equal(g.gameCode, '20171122/LALSAC');
  assert.equal(g.gameEt, '2017-11-22T22:30:00-05:00');
});

test('at any instant the scoreboard and the play-by-play agree: never ahead, never behind', (t) => {
  const night = tonight(t)?.night;
  if (!night) return;
  const steps = 240;
  for (let i = 0; i <= steps; i++) {
    const now: number = night.opensAt + ((night.closesAt - night.opensAt) * i) / steps + 17_321;
    // Schema checks on a sample of instants: zod on every document would dominate the run time.
    const strict = i % 24 === 0;
    const rawBoard = scoreboardDocument(night, now);
    const board = (strict ? ScoreboardDocument.parse(rawBoard) : rawBoard) as ScoreboardDocument;
    for (const g of night.games as NightGame[]) {
      const shown = board.scoreboard.games.find((x) => x.gameId === g.gameId) as ScoreboardGame;
      const seen = publishedCount(g, now);
      // The published actions as served (built and validated on the sampled instants only).
      const pbp: Array<{ scoreHome: string; scoreAway: string; timeActual?: string | undefined }> = strict
        ? PlayByPlayDocument.parse(playByPlayDocument(g, now)).game.actions
        : g.actions.slice(0, seen).map((a) => ({ ...a.action, timeActual: new Date(a.publishAt).toISOString() }));
      if (shown.gameStatus === 1) {
        assert.equal(pbp.length, 0);
        continue;
      }
      const last = pbp.at(-1);
      assert.ok(last, `${g.gameId} live with no actions`);
      assert.deepEqual([shown.homeTeam.score, shown.awayTeam.score], [Number(last.scoreHome), Number(last.scoreAway)]);
      if (shown.gameStatus === 3) {
        assert.equal(pbp.length, g.actions.length);
        continue;
      }
      const boardElapsed = elapsedSeconds(shown.period, parseClock(shown.gameClock));
      assert.equal(pbp.length, seen);
      assert.ok(boardElapsed >= (g.actions[seen - 1]?.elapsed ?? 0), `${g.gameId} scoreboard behind play-by-play`);
      const next = g.actions[seen];
      assert.ok(!next || next.elapsed >= boardElapsed, `${g.gameId} scoreboard past an unpublished action`);
      for (const a of pbp) assert.ok(Date.parse(a.timeActual as string) <= now);
    }
  }
});

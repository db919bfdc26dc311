import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArchiveError } from '../archive/errors.ts';
import { FeedError } from '../feed/errors.ts';
import type { FeedResult } from '../domain/feed-result.ts';
import type { BoxscoreDocument } from '../feed/nba-schemas.ts';
import { FINAL_RETRIES } from '../game/game-tracker.ts';
import { action } from '../game/testing/actions.ts';
import type { LiveAction } from '../game/types.ts';
import { silentLogger } from '../domain/logger.ts';
import { scoreboardGame, ScriptedFeed } from '../service/testing/fakes.ts';
import { RecordCycle } from './record-cycle.ts';

/** The service's scripted feed, plus the boxscore the recorder also asks for. */
class RecordFeed extends ScriptedFeed {
  readonly boxscoreRequests: string[] = [];
  failBoxscore: Error | undefined;

  async boxscore(gameId: string): Promise<FeedResult<BoxscoreDocument>> {
    this.boxscoreRequests.push(gameId);
    if (this.failBoxscore) throw this.failBoxscore;
    const team = (teamTricode: string) => ({ teamTricode, score: 0, periods: [] });
    return { kind: 'fresh', receivedAt: Date.now(), document: { game: { gameId, gameStatus: 3, period: 4, homeTeam: team('CLE'), awayTeam: team('BOS') } } };
  }
}

const SCHEDULED = '0021700001';
const LIVE = '0021700002';

/** A whole regulation game: a home basket every minute, each period closed, then the game end. */
function wholeGame(): LiveAction[] {
  const out: LiveAction[] = [];
  for (let k = 1; k <= 48; k++) {
    const period = Math.ceil(k / 12);
    const left = (12 - ((k - 1) % 12)) * 60 - 30;
    out.push(action(period, `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`, 'made2', [2 * k, 0]));
    if (k % 12 === 0) out.push(action(period, '0:00', 'end', [2 * k, 0]));
  }
  out.push(action(4, '0:00', 'gameEnd', [96, 0]));
  return out;
}

function night(): { feed: RecordFeed; cycle: RecordCycle } {
  const feed = new RecordFeed();
  feed.games = [
    scoreboardGame({ gameId: SCHEDULED, gameStatus: 1, gameStatusText: '7:30 pm ET', period: 0, gameClock: '' }),
    scoreboardGame({ gameId: LIVE, gameCode: '20171017/HOUGSW', home: 4, away: 2 }),
  ];
  feed.actions.set(LIVE, wholeGame().slice(0, 3));
  return { feed, cycle: new RecordCycle({ feed, logger: silentLogger }) };
}

const finalBoard = (feed: RecordFeed): void => {
  feed.games = feed.games.map((g) => (g.gameId === LIVE ? scoreboardGame({ gameId: LIVE, gameCode: '20171017/HOUGSW', gameStatus: 3, gameStatusText: 'Final', period: 4, gameClock: '', home: 96, away: 0 }) : g));
  feed.actions.set(LIVE, wholeGame());
};

describe('a recorder poll', () => {
  it('asks for the play-by-play of the games the service follows, never of a game not started', async () => {
    const { feed, cycle } = night();
    assert.deepEqual(await cycle.run(), { live: 1, halftime: 0, scoreboardOk: true });
    await cycle.run();
    assert.deepEqual(feed.playByPlayRequests, [LIVE, LIVE]);
    assert.deepEqual(feed.boxscoreRequests, []);
    assert.equal(cycle.done, false);
  });

  it('at the final buzzer: play-by-play until the pattern is whole, the boxscore once, then done', async () => {
    const { feed, cycle } = night();
    await cycle.run();
    finalBoard(feed);
    feed.games = feed.games.filter((g) => g.gameId === LIVE);
    await cycle.run();
    assert.deepEqual(feed.boxscoreRequests, [LIVE]);
    assert.equal(cycle.done, true);
    const asked = feed.playByPlayRequests.length;
    await cycle.run();
    assert.equal(feed.playByPlayRequests.length, asked, 'nothing more to fetch for a finished game');
    assert.deepEqual(feed.boxscoreRequests, [LIVE]);
  });

  it('is not done while a game on the board has not started, nor before any scoreboard', async () => {
    const { feed, cycle } = night();
    assert.equal(cycle.done, false);
    await cycle.run();
    finalBoard(feed);
    await cycle.run();
    assert.equal(cycle.done, false, 'the scheduled game is still to come');
  });

  it('asks for a boxscore that failed again every poll, and gives up after FINAL_RETRIES', async () => {
    const { feed, cycle } = night();
    finalBoard(feed);
    feed.games = feed.games.filter((g) => g.gameId === LIVE);
    feed.failBoxscore = new FeedError('forbidden', { url: 'boxscore', status: 403, detail: 'Access Denied' });
    for (let i = 0; i < FINAL_RETRIES - 1; i++) await cycle.run();
    assert.equal(cycle.done, false);
    await cycle.run();
    assert.equal(feed.boxscoreRequests.length, FINAL_RETRIES);
    assert.equal(cycle.done, true);
  });

  it('passes over a feed error (it is in the archive already), and stops at anything else', async () => {
    const { feed, cycle } = night();
    feed.failPlayByPlay.set(LIVE, new FeedError('server_error', { url: 'pbp', status: 503, detail: 'busy' }));
    feed.failScoreboard = new FeedError('timeout', { url: 'scoreboard', detail: 'no response within 5000 ms' });
    assert.deepEqual(await cycle.run(), { live: 0, halftime: 0, scoreboardOk: false });
    feed.failScoreboard = undefined;
    assert.deepEqual(await cycle.run(), { live: 1, halftime: 0, scoreboardOk: true });
    feed.failPlayByPlay.set(LIVE, new ArchiveError('archive_file', 'night.archive', 'cannot write: ENOSPC'));
    await assert.rejects(cycle.run(), { code: 'archive_file' });
  });

  it('forgets a finished game once it leaves the board', async () => {
    const { feed, cycle } = night();
    finalBoard(feed);
    await cycle.run();
    feed.games = feed.games.filter((g) => g.gameId !== LIVE);
    await cycle.run();
    feed.games = [...feed.games, scoreboardGame({ gameId: LIVE, gameCode: '20171017/HOUGSW', gameStatus: 3, gameStatusText: 'Final', period: 4, gameClock: '', home: 96, away: 0 })];
    const boxscores = feed.boxscoreRequests.length;
    await cycle.run();
    assert.equal(feed.boxscoreRequests.length, boxscores + 1, 'back on the board, it is a new game to the recorder');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CapturingLogger } from '../../test/support/capturing-logger.ts';
import { Pipeline } from './pipeline.ts';
import { FixedPredictor, RecordingSink, ScriptedFeed, scoreboardGame } from './testing/fakes.ts';

function setup() {
  const feed = new ScriptedFeed();
  const sink = new RecordingSink();
  const log = new CapturingLogger();
  const rejected: Array<string | undefined> = [];
  const backward: string[] = [];
  const pipeline = new Pipeline({
    feed,
    sink,
    predictor: new FixedPredictor(),
    logger: log,
    hooks: { onScoreboardEntryRejected: (id) => rejected.push(id), onBackwardScore: (id) => backward.push(id) },
  });
  return { feed, sink, log, rejected, backward, pipeline };
}

const A = '0021700001';
const B = '0021700002';
const live = (gameId: string, clock: string, home: number, away: number) =>
  scoreboardGame({ gameId, gameCode: `20171017/${gameId === A ? 'BOSCLE' : 'HOUGSW'}`, period: 1, gameClock: clock, home, away });

describe('Pipeline, scoreboard entries', () => {
  it('logs and counts an entry the feed left out; the other games update and the bad one keeps its state', async () => {
    const { feed, sink, log, rejected, pipeline } = setup();
    feed.games = [live(A, 'PT10M00.00S', 2, 0), live(B, 'PT10M00.00S', 3, 0)];
    await pipeline.cycle();
    feed.games = [live(A, 'PT09M00.00S', 4, 0)];
    feed.rejectedGames = [{ index: 1, gameId: B, problem: 'schema mismatch at scoreboard.games[1].homeTeam (…)' }];
    await pipeline.cycle();
    const scores = sink.ofType('score_update').map((m) => [m.game_id, m.data.home_score]);
    assert.deepEqual(scores, [[A, 2], [B, 3], [A, 4]]);
    assert.deepEqual(rejected, [B]);
    const entry = log.entries.find((e) => e.msg === 'scoreboard entry rejected');
    assert.equal(entry?.level, 'error');
    assert.deepEqual(entry?.fields, { gameId: B, entry: 1, problem: 'schema mismatch at scoreboard.games[1].homeTeam (…)' });
    assert.equal(pipeline.games.get(B)?.onScoreboard, true, 'unreadable is not gone from the board');
    assert.equal(pipeline.games.get(B)?.tracker.score.homeScore, 3);
  });

  it('applies a lower score as a correction, with a warning and a count', async () => {
    const { feed, sink, log, backward, pipeline } = setup();
    feed.games = [live(A, 'PT10M00.00S', 5, 2)];
    await pipeline.cycle();
    feed.games = [live(A, 'PT09M40.00S', 3, 2)];
    await pipeline.cycle();
    assert.deepEqual(sink.ofType('score_update').map((m) => [m.data.home_score, m.data.away_score]), [[5, 2], [3, 2]]);
    assert.deepEqual(backward, [A]);
    const warning = log.entries.find((e) => e.msg === 'score went backwards on the scoreboard; applied as a correction');
    assert.equal(warning?.level, 'warn');
    assert.deepEqual(warning?.fields, { gameId: A, from: '5-2', to: '3-2', period: 1, clock: '09:40' });
  });

  it('says nothing of a stale copy from earlier in the game, which is not applied', async () => {
    const { feed, sink, backward, pipeline } = setup();
    feed.games = [live(A, 'PT09M00.00S', 5, 2)];
    await pipeline.cycle();
    feed.games = [live(A, 'PT10M00.00S', 3, 2)];
    await pipeline.cycle();
    assert.deepEqual(sink.ofType('score_update').map((m) => m.data.home_score), [5]);
    assert.deepEqual(backward, []);
  });
});

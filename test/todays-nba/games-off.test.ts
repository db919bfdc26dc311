/**
 * Issue 15, games that never happen: an "if necessary" playoff game (`TBD`), a postponed one and a
 * cancelled one, on the real 2023 capture edited in memory and served over HTTP to the real
 * service with `--exit-when-done`. They are shown as such, their play-by-play is never asked for,
 * they leave the snapshot when they leave the board, and the night ends when its one real game is
 * over, with a cancelled game still on the board.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { requireDataDir } from '../support/data.ts';
import { capturedPlayByPlay, capturedScoreboard, playByPlayOf, serveToday, TodaysFeed, type BoardGame } from '../support/todays-feed.ts';
import { Collector } from '../support/ws-collector.ts';

const CANCELLED = '0042200175';

/** The game ids in the snapshot a newly connected client gets. */
async function snapshotIds(url: string): Promise<string[]> {
  const client = new Collector(url);
  try {
    await client.until((ms) => ms.length > 0, 10_000);
    const [first] = client.messages;
    assert.equal(first?.type, 'snapshot');
    return first.type === 'snapshot' ? first.games.map((g) => g.game_id).sort() : [];
  } finally {
    client.close();
  }
}

describe('games that never happen', () => {
  it('shows TBD, postponed and cancelled games, drops them with the board, and never waits for them to exit', { timeout: 60_000 }, async (t) => {
    const dataDir = requireDataDir(t, 'live/todaysScoreboard_00.json', 'live/playbyplay_0022000001.json');
    if (!dataDir) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-games-off-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const feed = await TodaysFeed.start();
    t.after(() => feed.close());

    const board = capturedScoreboard(dataDir);
    const [ifNecessary, postponed, played] = board.scoreboard.games as [BoardGame, BoardGame, BoardGame];
    const notStarted = { gameStatus: 1, period: 0, gameClock: '', homeTeam: { ...ifNecessary.homeTeam, score: 0 }, awayTeam: { ...ifNecessary.awayTeam, score: 0 } };
    Object.assign(ifNecessary, notStarted, { gameStatusText: 'TBD', ifNecessary: true });
    Object.assign(postponed, notStarted, { gameStatusText: ' PPD ', homeTeam: { ...postponed.homeTeam, score: 0 }, awayTeam: { ...postponed.awayTeam, score: 0 } });
    // The played game is live in the third quarter, its score that of its (real) play-by-play there.
    const pbp = capturedPlayByPlay(dataDir);
    const sofar = playByPlayOf(pbp, played.gameId, { period: 3, secondsLeft: 300 });
    const last = sofar.game.actions.at(-1)!;
    Object.assign(played, { gameStatus: 2, period: 3, gameClock: 'PT05M00.00S', gameStatusText: 'Q3 5:00' });
    played.homeTeam.score = Number(last.scoreHome);
    played.awayTeam.score = Number(last.scoreAway);
    feed.board = board;
    feed.playByPlay.set(played.gameId, sofar);

    const { service, log } = await serveToday(feed, dir, { exitWhenDone: true });
    t.after(() => service.close());
    let done = false;
    void service.done.then(() => (done = true));
    const url = service.wsUrl.replace('localhost', '127.0.0.1');
    const stream = new Collector(`${url}?epoch=${encodeURIComponent(service.broadcaster.epoch)}&last_seq=0`);
    t.after(() => stream.close());

    const statusOf = (gameId: string) => stream.ofType('score_update').filter((m) => m.game_id === gameId).at(-1)?.data.status;
    await stream.until(() => statusOf(ifNecessary.gameId) === 'TBD' && statusOf(postponed.gameId) === 'Postponed' && statusOf(played.gameId) === 'In Progress');
    assert.deepEqual(await snapshotIds(url), [ifNecessary.gameId, postponed.gameId, played.gameId].sort());

    // They leave the board: they leave the snapshot, while the night goes on.
    board.scoreboard.games = [played];
    for (const deadline = Date.now() + 10_000; (await snapshotIds(url)).length > 1 && Date.now() < deadline; ) await delay(20);
    assert.deepEqual(await snapshotIds(url), [played.gameId]);
    assert.equal(done, false, 'the live game is still on');

    // The played game ends; a cancelled game appears and stays on the board: the service is done.
    const cancelled: BoardGame = { ...structuredClone(ifNecessary), gameId: CANCELLED, gameCode: '20230420/MEMLAL', gameStatusText: 'Cancelled', ifNecessary: false };
    const final = pbp.game.actions.at(-1)!;
    Object.assign(played, { gameStatus: 3, period: 4, gameClock: '', gameStatusText: 'Final' });
    played.homeTeam.score = Number(final.scoreHome);
    played.awayTeam.score = Number(final.scoreAway);
    feed.playByPlay.set(played.gameId, playByPlayOf(pbp, played.gameId));
    board.scoreboard.games = [played, cancelled];
    await Promise.race([service.done, delay(30_000, undefined, { ref: false }).then(() => assert.fail('--exit-when-done waited for a cancelled game'))]);

    assert.deepEqual(await snapshotIds(url), [CANCELLED, played.gameId].sort());
    assert.equal(statusOf(CANCELLED), 'Cancelled');
    assert.equal(statusOf(played.gameId), 'Final');
    for (const id of [ifNecessary.gameId, postponed.gameId, CANCELLED]) {
      assert.equal(feed.playByPlayRequests(id), 0, `${id}: no play-by-play asked for a game that is off`);
      assert.ok(stream.ofType('score_update').filter((m) => m.game_id === id).every((m) => m.data.status !== 'Scheduled'), `${id} never shown Scheduled`);
    }
    assert.ok(log.entries.some((e) => e.msg === 'game final, pattern complete and exact' && e.fields.gameId === played.gameId));
    assert.deepEqual(stream.invalid, []);
  });
});

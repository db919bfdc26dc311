import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlayByPlayDocument, ScoreboardDocument } from '../feed/nba-schemas.ts';
import { buildMinutePattern } from '../game/pattern.ts';
import { requireDataDir } from '../../test/support/data.ts';
import { loadSchedule } from './dataset.ts';
import { startFakeCdn } from './fake-cdn.ts';
import { get, json, NBA_HEADERS } from './testing/http.ts';

// New Year's Day 2018: four games, two to overtime; about six real seconds at speed 2000.
const DATE = '2018-01-01';

test('a whole night at speed 2000 plays out over real HTTP and finishes', async (t) => {
  const dataDir = requireDataDir(t, 'pbp_2017-18.csv', 'minute_diffs.csv');
  if (!dataDir) return;
  const cdn = await startFakeCdn({ dataDir, date: DATE, speed: 2000 });
  t.after(() => cdn.close());
  const expected = new Map(loadSchedule(dataDir).filter((g) => g.gameDate === DATE).map((g) => [g.gameId, g]));
  assert.equal(cdn.games.length, expected.size);

  const statuses = new Map<string, number[]>();
  const texts = new Map<string, Set<string>>();
  const etags = new Map<string, string>();
  let notModified = 0;
  const deadline = Date.now() + 120_000;
  let board: ScoreboardDocument | undefined;
  for (;;) {
    board = ScoreboardDocument.parse(json(await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`)));
    for (const g of board.scoreboard.games) {
      const seen = statuses.get(g.gameId) ?? [];
      if (seen.at(-1) !== g.gameStatus) seen.push(g.gameStatus);
      statuses.set(g.gameId, seen);
      texts.set(g.gameId, (texts.get(g.gameId) ?? new Set()).add(g.gameStatusText.replace(/ \d\d:\d\d$/, '')));
      if (g.gameStatus !== 2) continue;
      const url = `${cdn.url}/playbyplay/playbyplay_${g.gameId}.json`;
      const tag = etags.get(url);
      const r = await get(url, tag ? { ...NBA_HEADERS, 'If-None-Match': tag } : { ...NBA_HEADERS });
      if (r.status === 304) notModified++;
      else {
        assert.equal(r.status, 200);
        PlayByPlayDocument.parse(json(r));
        etags.set(url, String(r.headers.etag));
      }
    }
    if (board.scoreboard.games.every((g) => g.gameStatus === 3)) break;
    assert.ok(Date.now() < deadline, 'the night did not finish within two minutes at speed 2000');
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(cdn.isFinished(), true);
  assert.ok([...statuses.values()].some((s) => s.includes(2)), 'games were seen live');
  assert.ok([...texts.values()].some((s) => [...s].some((x) => /^(Q[1-4]|OT\d|Half|End Q[1-4])$/.test(x))), 'live status texts');
  // How many live polls land between two changes is the machine's load to decide; a finished game's play-by-play never changes.
  const finished = `${cdn.url}/playbyplay/playbyplay_${board.scoreboard.games[0]?.gameId}.json`;
  const last = await get(finished, { ...NBA_HEADERS });
  assert.equal(last.status, 200);
  const again = await get(finished, { ...NBA_HEADERS, 'If-None-Match': String(last.headers.etag) });
  assert.equal(again.status, 304, 'unchanged play-by-play answered 304');
  t.diagnostic(`${notModified} live play-by-play polls answered 304`);

  for (const g of board.scoreboard.games) {
    const want = expected.get(g.gameId);
    assert.ok(want);
    // Which states a poll catches depends on the machine's pace; the order never does.
    const seen = statuses.get(g.gameId) ?? [];
    assert.deepEqual(seen, [...seen].sort(), `${g.gameId} status went backwards: ${seen.join(' → ')}`);
    assert.equal(seen.at(-1), 3);
    assert.deepEqual([g.homeTeam.score, g.awayTeam.score], [want.finalHome, want.finalAway]);
    assert.equal(g.gameStatusText, want.otPeriods === 0 ? 'Final' : want.otPeriods === 1 ? 'Final/OT' : `Final/${want.otPeriods}OT`);
    const { actions } = PlayByPlayDocument.parse(json(await get(`${cdn.url}/playbyplay/playbyplay_${g.gameId}.json`))).game;
    assert.deepEqual([actions.at(-1)?.actionType, actions.at(-1)?.subType], ['game', 'end']);
    assert.deepEqual(buildMinutePattern(actions).pattern.slice(0, 48), [...want.d]);
  }
});

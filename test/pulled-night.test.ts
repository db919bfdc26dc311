/**
 * A night of a season pulled from the CDN replays like a recorded one: the replay serves the CDN's
 * own actions, paced by their timeActual stamps, and `serve --source replay` on the pulled folder
 * streams every game to its exact final pattern. The folder is pulled first from the fake CDN's
 * small 2017-18 season; it holds no pbp_2017-18.csv, so the replay can only read the pulled JSON.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff } from '../src/domain/minutes.ts';
import { loadConfig } from '../src/config.ts';
import { readPulled } from '../src/data/pulled.ts';
import { PlayByPlayDocument } from '../src/feed/nba-schemas.ts';
import { startService } from '../src/main.ts';
import { loadDataDir } from '../src/data/dataset-files.ts';
import { pullSeason } from '../src/pull/pull.ts';
import { QUICK_FEED, SEASON, startPullCdn, testSeason } from '../src/pull/testing/season.ts';
import { startFakeCdn } from '../src/replay/fake-cdn.ts';
import { listNights } from '../src/replay/nights.ts';
import { get, json } from '../src/replay/testing/http.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { Collector } from './support/ws-collector.ts';
import { BASELINE_MODEL } from '../src/config/model.ts';

test('a pulled season replays: its nights listed, the CDN actions served as pulled, a night streamed to the exact patterns', async (t) => {
  const season = testSeason(t);
  if (!season) return;
  const source = await startPullCdn(t, season.night);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'courtside-pulled-night-'));
  await pullSeason({ season: SEASON, to: dataDir, feedUrl: source.url, feed: QUICK_FEED });
  await source.cdn.close();

  assert.deepEqual(listNights(dataDir).map((n) => [n.date, n.games]), [['2017-10-17', 2], ['2017-10-18', 11], ['2017-10-19', 3], ['2017-10-20', 8]]);

  const date = '2017-10-19';
  const cdn = await startFakeCdn({ dataDir, date, speed: 1, now: () => 0 });
  t.after(() => cdn.close());
  assert.deepEqual(cdn.games.map((g) => [g.gameId, g.pacing]), [['0021700014', 'stamps'], ['0021700015', 'stamps'], ['0021700016', 'stamps']]);
  for (const game of cdn.games) {
    const pulled = PlayByPlayDocument.parse(readPulled(dataDir, SEASON, 'playbyplay', game.gameId));
    assert.deepEqual(game.actions.map((a) => a.action), pulled.game.actions, `${game.gameId}: the CDN's actions, every field`);
    assert.deepEqual(game.actions.map((a) => a.publishAt), pulled.game.actions.map((a) => Date.parse(a.timeActual ?? '')), `${game.gameId}: published when they happened`);
  }
  const board = json(await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`)) as { scoreboard: { gameDate: string; games: Array<{ gameStatus: number }> } };
  assert.equal(board.scoreboard.gameDate, date);
  assert.ok(board.scoreboard.games.every((g) => g.gameStatus === 1), 'the night opens before its first tip');
  await cdn.close();

  const truth = new Map(loadDataDir(dataDir).map((g) => [g.gameId, g]));
  const config = loadConfig({ port: 0, host: '127.0.0.1', source: 'replay', dataDir, date, speed: 2000, exitWhenDone: true, logLevel: 'silent', modelDir: BASELINE_MODEL }, {});
  const service = await startService(config, { logger: silentLogger, dashboard: false });
  t.after(() => service.close());
  const client = new Collector(service.wsUrl);
  t.after(() => client.close());
  await client.opened;
  await service.done;
  await client.readThrough(service.broadcaster.seq, 10_000);
  assert.deepEqual(client.invalid, []);
  const halftimes = client.ofType('halftime_result');
  assert.deepEqual(halftimes.map((h) => h.game_id).sort(), ['0021700014', '0021700015', '0021700016']);
  for (const h of halftimes) assert.equal(h.actual, minuteDiff(truth.get(h.game_id)?.d ?? [], HALFTIME_MINUTE), h.game_id);
  for (const [gameId, game] of truth) {
    if (!cdn.games.some((g) => g.gameId === gameId)) continue;
    const last = client.ofType('pattern_progress').filter((p) => p.game_id === gameId).at(-1);
    assert.deepEqual(last?.pattern.slice(0, 48), game.d, `${gameId}: the streamed pattern is the dataset's`);
  }
});

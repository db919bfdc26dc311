import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { requireDataDir } from '../../test/support/data.ts';
import { NbaFeedClient } from './client.ts';
import { startTestCdn } from './test-cdn.ts';

const FILES = ['todaysScoreboard_00.json', 'playbyplay_0022000001.json', 'boxscore_0022000001.json', 'boxscore_0042200123.json'];

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

test('the real CDN responses in $NBA_DATA_DIR/live parse through the client, gzip-encoded', async (t) => {
  const dir = requireDataDir(t, ...FILES.map((f) => path.join('live', f)));
  if (!dir) return;
  const served = new Map<string, Buffer>();
  for (const file of FILES) {
    const folder = file.startsWith('todays') ? 'scoreboard' : file.split('_')[0];
    served.set(`/static/json/liveData/${folder}/${file}`, gzipSync(await readFile(path.join(dir, 'live', file))));
  }
  const server = await startTestCdn((req, res) => {
    const body = served.get(req.url ?? '');
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(body);
  });
  closers.push(server.close);
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });

  const scoreboard = await client.scoreboard();
  assert.equal(scoreboard.kind, 'fresh');
  const games = scoreboard.kind === 'fresh' ? scoreboard.document.scoreboard.games : [];
  assert.deepEqual(games.map((g) => g.gameStatus).sort(), [2, 2, 3]);
  assert.ok(games.some((g) => g.gameClock === 'PT07M15.00S'));

  const pbp = await client.playByPlay('0022000001');
  assert.equal(pbp.kind, 'fresh');
  const actions = pbp.kind === 'fresh' ? pbp.document.game.actions : [];
  assert.equal(actions.length, 610);
  const last = actions.at(-1);
  assert.deepEqual([last?.scoreHome, last?.scoreAway], ['125', '99'], 'BKN beat GSW 125-99 at home');

  for (const gameId of ['0022000001', '0042200123']) {
    const box = await client.boxscore(gameId);
    assert.equal(box.kind, 'fresh');
    assert.equal(box.kind === 'fresh' && box.document.game.gameStatus, 3);
  }
});

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { NbaFeedClient } from './client.ts';
import type { FeedResponseEvent } from './options.ts';
import { DEFAULT_USER_AGENT } from './options.ts';
import { scoreboardFixture, sendJson, startTestCdn } from './test-cdn.ts';

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

async function cdn(handler: Parameters<typeof startTestCdn>[0]) {
  const server = await startTestCdn(handler);
  closers.push(server.close);
  return server;
}

test('every request carries the Referer, a browser User-Agent, Accept and Accept-Encoding: gzip', async () => {
  const server = await cdn((_req, res) => sendJson(res, scoreboardFixture()));
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  await client.scoreboard();
  const [seen] = server.requests;
  assert.equal(seen?.url, '/static/json/liveData/scoreboard/todaysScoreboard_00.json');
  assert.equal(seen.headers.referer, 'https://www.nba.com/');
  assert.equal(seen.headers['user-agent'], DEFAULT_USER_AGENT);
  assert.match(seen.headers['user-agent'] ?? '', /Chrome\/\d+/);
  assert.equal(seen.headers.accept, 'application/json');
  assert.equal(seen.headers['accept-encoding'], 'gzip');
  assert.equal(seen.headers['if-none-match'], undefined);
});

test('play-by-play and boxscore URLs follow the CDN layout', async () => {
  const server = await cdn((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('nope');
  });
  const client = new NbaFeedClient({ baseUrl: `${server.baseUrl}/`, retries: 0 });
  await assert.rejects(client.playByPlay('0022000001'), { code: 'not_found' });
  await assert.rejects(client.boxscore('0022000001'), { code: 'not_found' });
  assert.deepEqual(
    server.requests.map((r) => r.url),
    ['/static/json/liveData/playbyplay/playbyplay_0022000001.json', '/static/json/liveData/boxscore/boxscore_0022000001.json'],
  );
});

test('a game id that is not 10 digits is refused before any request', async () => {
  const client = new NbaFeedClient({ baseUrl: 'http://127.0.0.1:9' });
  await assert.rejects(client.playByPlay('22000001'), { code: 'invalid_game_id', message: 'gameId must be 10 digits (e.g. "0022000001"), got "22000001"' });
});

test('a gzip-encoded body is decoded and validated', async () => {
  const server = await cdn((_req, res) => {
    const body = gzipSync(JSON.stringify(scoreboardFixture()));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(body);
  });
  const result = await new NbaFeedClient({ baseUrl: server.baseUrl }).scoreboard();
  assert.equal(result.kind, 'fresh');
  assert.equal(result.kind === 'fresh' && result.document.scoreboard.games[0]?.homeTeam.teamTricode, 'BKN');
});

test('an unchanged document answers 304 to If-None-Match and is not parsed again', async () => {
  let served = 0;
  const server = await cdn((req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { ETag: '"v1"' });
      res.end();
      return;
    }
    served++;
    sendJson(res, scoreboardFixture(), { ETag: '"v1"' });
  });
  const events: FeedResponseEvent[] = [];
  const client = new NbaFeedClient({ baseUrl: server.baseUrl, now: () => 42, observer: { onResponse: (e) => events.push(e) } });
  const first = await client.scoreboard();
  const second = await client.scoreboard();
  assert.equal(first.kind, 'fresh');
  assert.deepEqual(second, { kind: 'not_modified', receivedAt: 42 });
  assert.equal(served, 1);
  assert.equal(server.requests[1]?.headers['if-none-match'], '"v1"');
  assert.deepEqual(
    events.map((e) => [e.endpoint, e.outcome, e.status, e.attempts]),
    [
      ['scoreboard', 'fresh', 200, 1],
      ['scoreboard', 'not_modified', 304, 1],
    ],
  );
});

test('Last-Modified is echoed as If-Modified-Since, per URL', async () => {
  const stamp = 'Thu, 20 Apr 2023 23:40:00 GMT';
  const server = await cdn((req, res) => {
    if (req.headers['if-modified-since'] === stamp) {
      res.writeHead(304);
      res.end();
      return;
    }
    sendJson(res, scoreboardFixture(), { 'Last-Modified': stamp });
  });
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  assert.equal((await client.scoreboard()).kind, 'fresh');
  assert.equal((await client.scoreboard()).kind, 'not_modified');
  assert.equal(server.requests[1]?.headers['if-modified-since'], stamp);
  await assert.rejects(client.boxscore('0042200123'), { code: 'schema_mismatch' });
  assert.equal(server.requests[2]?.headers['if-modified-since'], undefined, 'another URL has its own validators');
});

test('a document that failed validation is asked for in full next time', async () => {
  const server = await cdn((_req, res, i) => sendJson(res, i === 0 ? { scoreboard: {} } : scoreboardFixture(), { ETag: `"v${i}"` }));
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  await assert.rejects(client.scoreboard(), { code: 'schema_mismatch' });
  assert.equal((await client.scoreboard()).kind, 'fresh');
  assert.equal(server.requests[1]?.headers['if-none-match'], undefined);
});

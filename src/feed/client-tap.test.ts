import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import { NbaFeedClient } from './client.ts';
import type { RawFeedResponse } from './tap.ts';
import { scoreboardFixture, sendJson, startTestCdn } from './test-cdn.ts';

/** A test CDN closed when the test ends. */
async function cdn(t: TestContext, handler: Parameters<typeof startTestCdn>[0]) {
  const server = await startTestCdn(handler);
  t.after(() => server.close());
  return server;
}

/** A clock that moves one step per reading, so sent and received stamps are told apart. */
function steppingClock(): () => number {
  let t = 1_000;
  return () => (t += 10);
}

test('the tap sees each response as received: decoded body bytes, status, headers, send and arrival stamps', async (t) => {
  const text = JSON.stringify(scoreboardFixture());
  const server = await cdn(t, (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { ETag: '"v1"' }).end();
    const body = gzipSync(text);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length, ETag: '"v1"', 'Last-Modified': 'Thu, 20 Apr 2023 23:31:00 GMT' });
    res.end(body);
  });
  const seen: RawFeedResponse[] = [];
  const client = new NbaFeedClient({ baseUrl: server.baseUrl, now: steppingClock(), tap: (r) => void seen.push(r) });
  assert.equal((await client.scoreboard()).kind, 'fresh');
  assert.equal((await client.scoreboard()).kind, 'not_modified');
  assert.equal(seen.length, 2);
  const [fresh, unchanged] = seen as [RawFeedResponse, RawFeedResponse];
  assert.equal(fresh.url, `${server.baseUrl}/scoreboard/todaysScoreboard_00.json`);
  assert.equal(fresh.status, 200);
  assert.equal(Buffer.from(fresh.body).toString('utf8'), text);
  assert.equal(fresh.headers.get('etag'), '"v1"');
  assert.equal(fresh.headers.get('last-modified'), 'Thu, 20 Apr 2023 23:31:00 GMT');
  assert.ok(fresh.sentAt < fresh.receivedAt, 'sent before received');
  assert.equal(unchanged.status, 304);
  assert.equal(unchanged.body.length, 0);
  assert.ok(fresh.receivedAt < unchanged.sentAt);
});

test('error pages and every retried attempt reach the tap before the client reports the error', async (t) => {
  const server = await cdn(t, (_req, res, index) => {
    if (index === 0) return sendJson(res, '<html>busy</html>', { 'Content-Type': 'text/html', 'Retry-After': '0' }, 503);
    sendJson(res, '<HTML><TITLE>Access Denied</TITLE></HTML>', { 'Content-Type': 'text/html' }, 403);
  });
  const seen: RawFeedResponse[] = [];
  const client = new NbaFeedClient({ baseUrl: server.baseUrl, retries: 1, retryInitialDelayMs: 1, retryMaxDelayMs: 1, tap: (r) => void seen.push(r) });
  await assert.rejects(client.playByPlay('0022000001'), { code: 'forbidden' });
  assert.deepEqual(seen.map((r) => [r.status, Buffer.from(r.body).toString()]), [
    [503, '<html>busy</html>'],
    [403, '<HTML><TITLE>Access Denied</TITLE></HTML>'],
  ]);
  assert.equal(seen[0]?.headers.get('retry-after'), '0');
});

test('the client waits for the tap, and a tap that fails fails the request with its own error', async (t) => {
  const server = await cdn(t, (_req, res) => sendJson(res, scoreboardFixture()));
  let written = false;
  const slow = new NbaFeedClient({
    baseUrl: server.baseUrl,
    tap: () => new Promise<void>((resolve) => setTimeout(() => { written = true; resolve(); }, 20)),
  });
  await slow.scoreboard();
  assert.equal(written, true, 'the result came back only after the tap had finished');

  const broken = new NbaFeedClient({ baseUrl: server.baseUrl, tap: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ERR_TEST' })) });
  await assert.rejects(broken.scoreboard(), { message: 'disk full', code: 'ERR_TEST' });
});

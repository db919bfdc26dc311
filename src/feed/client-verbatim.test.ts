import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { NbaFeedClient } from './client.ts';
import type { FeedResponseEvent } from './options.ts';
import { scheduleUrl } from './schedule-schema.ts';
import { sendJson, startTestCdn } from './test-cdn.ts';

const closers: Array<() => Promise<void>> = [];
after(() => Promise.all(closers.map((close) => close())));

/** Keys out of schema order, odd spacing and a field no schema knows: what a verbatim read must keep. */
const BOXSCORE = '{ "meta":{"version":1},\n "game": {"homeTeam":{"periods":[],"score":99,"teamTricode":"BKN"},"gameStatus":3,"gameId":"0022000001","period":4,\n"awayTeam":{"teamTricode":"GSW","score":90,"periods":[]},"arena":{"arenaName":"Barclays"}}}\n';
const SCHEDULE = { leagueSchedule: { seasonYear: '2024-25', leagueId: '00', gameDates: [{ gameDate: '10/22/2024 00:00:00', games: [{ gameId: '0022400001', gameStatus: 3, gameStatusText: 'Final', gameCode: '20241022/NYKBOS' }] }] } };

test('verbatim hands back the body byte for byte, gzip or not, and never asks conditionally', async () => {
  const server = await startTestCdn((_req, res, i) => {
    const gzip = i % 2 === 1;
    const body = gzip ? gzipSync(BOXSCORE) : Buffer.from(BOXSCORE);
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"v1"', 'Last-Modified': 'Tue, 22 Dec 2020 23:00:00 GMT', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(body);
  });
  closers.push(server.close);
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  for (let i = 0; i < 2; i++) {
    const got = await client.verbatim('boxscore', '0022000001');
    assert.equal(Buffer.from(got.body).toString('utf8'), BOXSCORE);
    assert.equal(got.document.game.homeTeam.score, 99);
    assert.deepEqual(got.document.game.arena, { arenaName: 'Barclays' });
  }
  assert.deepEqual(server.requests.map((r) => r.url), ['/static/json/liveData/boxscore/boxscore_0022000001.json', '/static/json/liveData/boxscore/boxscore_0022000001.json']);
  for (const r of server.requests) {
    assert.equal(r.headers['if-none-match'], undefined);
    assert.equal(r.headers['if-modified-since'], undefined);
    assert.equal(r.headers.referer, 'https://www.nba.com/');
  }
});

test('the schedule lives beside liveData, and a 429 is waited out for as long as Retry-After says', async () => {
  const server = await startTestCdn((_req, res, i) => {
    if (i === 0) {
      res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '1' });
      res.end('Too Many Requests');
      return;
    }
    sendJson(res, SCHEDULE);
  });
  closers.push(server.close);
  const events: FeedResponseEvent[] = [];
  const client = new NbaFeedClient({ baseUrl: server.baseUrl, retryInitialDelayMs: 1, retryMaxDelayMs: 2, observer: { onResponse: (e) => events.push(e) } });
  const started = performance.now();
  const got = await client.verbatim('schedule');
  const waited = performance.now() - started;
  assert.equal(got.document.leagueSchedule.seasonYear, '2024-25');
  assert.deepEqual(server.requests.map((r) => r.url), ['/static/json/staticData/scheduleLeagueV2.json', '/static/json/staticData/scheduleLeagueV2.json']);
  assert.ok(waited >= 950, `retried after ${waited.toFixed(0)} ms, not the 1 s asked`);
  assert.deepEqual(events.map((e) => [e.endpoint, e.outcome, e.attempts]), [['schedule', 'fresh', 2]]);
});

test('a verbatim document that fails its schema is the usual schema_mismatch, naming the path', async () => {
  const server = await startTestCdn((_req, res) => sendJson(res, { leagueSchedule: { seasonYear: '2024-25', gameDates: [{ games: [{ gameId: '22400001', gameStatus: 3 }] }] } }));
  closers.push(server.close);
  const client = new NbaFeedClient({ baseUrl: server.baseUrl });
  await assert.rejects(client.verbatim('schedule'), { code: 'schema_mismatch', message: /leagueSchedule\.gameDates\[0\]\.games\[0\]\.gameId/ });
});

test('scheduleUrl takes any live-data base URL, with or without a trailing slash', () => {
  assert.equal(scheduleUrl('https://cdn.nba.com/static/json/liveData'), 'https://cdn.nba.com/static/json/staticData/scheduleLeagueV2.json');
  assert.equal(scheduleUrl('http://127.0.0.1:8080/static/json/liveData/'), 'http://127.0.0.1:8080/static/json/staticData/scheduleLeagueV2.json');
});

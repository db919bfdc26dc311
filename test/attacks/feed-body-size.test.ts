/**
 * Issue 16, finding 5: a 200 MB feed body was read whole (RSS +970 MB). A fake CDN streams
 * 200 MB bodies (one 64 KiB buffer written again and again, minding backpressure, so the server
 * allocates nothing per byte) to the feed client with its default limits. Each must fail as
 * `body_too_large` naming the URL and the limit, the download must stop near the limit, and the
 * process's resident memory must grow by less than 64 MB.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { NbaFeedClient } from '../../src/feed/client.ts';
import { FeedError } from '../../src/feed/errors.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/feed/options.ts';

const BODY_BYTES = 200 * 1024 * 1024;
const RSS_BOUND = 64 * 1024 * 1024;
const ACTION = '{"actionNumber":1,"orderNumber":1,"clock":"PT11M40.00S","period":1,"periodType":"REGULAR","actionType":"2pt","scoreHome":"2","scoreAway":"0"},';
const CHUNK = Buffer.from(ACTION.repeat(Math.floor(65_536 / ACTION.length)));
const WARM_UP = JSON.stringify({ scoreboard: { gameDate: '2023-04-20', games: [], padding: 'x'.repeat(1_000_000) } });

interface Served {
  written: number;
  finished: boolean;
}

/** Streams a `BODY_BYTES` body (a valid JSON start, then actions); with `declare`, announces its length. */
function streamHuge(res: http.ServerResponse, prefix: string, declare: boolean, served: Served): void {
  res.writeHead(200, { 'Content-Type': 'application/json', ...(declare ? { 'Content-Length': BODY_BYTES } : {}) });
  res.write(prefix);
  served.written = prefix.length;
  const pump = (): void => {
    while (!res.destroyed) {
      const left = BODY_BYTES - served.written;
      if (left <= 0) {
        served.finished = true;
        return void res.end();
      }
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      served.written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}

/** Peak RSS growth while `work` runs, sampled every 2 ms. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

describe('a 200 MB feed body', () => {
  let server: http.Server;
  let base: string;
  const served = new Map<string, Served>();

  before(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/warm-up/')) return void res.end(WARM_UP);
      const record: Served = { written: 0, finished: false };
      served.set(url, record);
      if (url.includes('/playbyplay/')) streamHuge(res, '{"game":{"gameId":"0022000001","actions":[', false, record);
      else if (url.includes('/scoreboard/')) streamHuge(res, '{"scoreboard":{"gameDate":"2023-04-20","games":[', false, record);
      else streamHuge(res, '{"game":{"gameId":"0022000001","gameStatus":2,"homeTeam":', true, record);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `${origin}/static/json/liveData`;
    // The first read loads and compiles fetch's HTTP stack, streams and the schemas: that belongs in
    // the baseline, not in the growth.
    const warm = await new NbaFeedClient({ baseUrl: `${origin}/warm-up/static/json/liveData` }).scoreboard();
    assert.equal(warm.kind, 'fresh');
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const cases = [
    { endpoint: 'playbyplay', call: (c: NbaFeedClient) => c.playByPlay('0022000001'), path: '/playbyplay/playbyplay_0022000001.json', how: /reading stopped at \d+ bytes$/ },
    { endpoint: 'scoreboard', call: (c: NbaFeedClient) => c.scoreboard(), path: '/scoreboard/todaysScoreboard_00.json', how: /reading stopped at \d+ bytes$/ },
    { endpoint: 'boxscore', call: (c: NbaFeedClient) => c.boxscore('0022000001'), path: '/boxscore/boxscore_0022000001.json', how: /declared 209715200 bytes \(Content-Length\); not read$/ },
  ] as const;

  for (const { endpoint, call, path, how } of cases) {
    it(`${endpoint}: refused at its limit as body_too_large, the download cut short, RSS up by less than 64 MB`, async (t) => {
      const client = new NbaFeedClient({ baseUrl: base, timeoutMs: 30_000 });
      const { result: error, growth } = await rssGrowth(() => call(client).then(() => assert.fail('a 200 MB body was accepted'), (e: unknown) => e));
      const limit = DEFAULT_MAX_BODY_BYTES[endpoint];
      const sent = served.get(`/static/json/liveData${path}`);
      // Let the server see the hang-up before reading what it managed to send.
      await new Promise((resolve) => setTimeout(resolve, 20));
      t.diagnostic(`sent ${((sent?.written ?? 0) / 1048576).toFixed(1)} MB of 200 MB; RSS +${(growth / 1048576).toFixed(1)} MB`);
      assert.ok(growth < RSS_BOUND, `RSS grew by ${(growth / 1048576).toFixed(1)} MB (bound ${RSS_BOUND / 1048576} MB)`);
      assert.equal(sent?.finished, false, 'the server never got to send the whole body');
      assert.ok((sent?.written ?? 0) < limit + 32 * 1024 * 1024, `the server sent ${sent?.written} bytes before the client hung up`);
      assert.ok(error instanceof FeedError, `not a FeedError: ${String(error)}`);
      assert.equal(error.code, 'body_too_large', error.message);
      assert.equal(error.url, `${base}${path}`);
      assert.ok(error.message.startsWith(`200 OK from ${base}${path}: body over the limit of ${limit} bytes (maxBodyBytes.${endpoint}): `), error.message);
      assert.match(error.detail, how);
    });
  }
});

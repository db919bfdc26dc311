import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from '../feed/nba-schemas.ts';
import { ReplayError } from './errors.ts';
import { startFakeCdn, type FakeCdn } from './fake-cdn.ts';
import { get, json, NBA_HEADERS } from './testing/http.ts';
import { manualTime, testNight } from './testing/nights.ts';

// New Year's Day 2018: four games, two of them to overtime.
const DATE = '2018-01-01';

async function withCdn(t: Parameters<typeof testNight>[0], body: (cdn: FakeCdn, time: ReturnType<typeof manualTime>) => Promise<void>): Promise<void> {
  const night = testNight(t, DATE);
  if (!night) return;
  const time = manualTime(night);
  const cdn = await startFakeCdn({ night, speed: 1, now: time.now });
  try {
    await body(cdn, time);
  } finally {
    await cdn.close();
  }
}

test('serves the NBA paths on loopback, in the feed schemas', (t) =>
  withCdn(t, async (cdn, time) => {
    assert.match(cdn.url, /^http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData$/);
    assert.equal(cdn.date, DATE);
    assert.equal(cdn.speed, 1);
    const first = cdn.games[0];
    assert.ok(first);
    time.set(first.startsAt + 30 * 60_000);
    const board = ScoreboardDocument.parse(json(await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`)));
    assert.equal(board.scoreboard.gameDate, DATE);
    assert.equal(board.scoreboard.games.length, cdn.games.length);
    assert.equal(board.scoreboard.games.find((g) => g.gameId === first.gameId)?.gameStatus, 2);
    const pbp = PlayByPlayDocument.parse(json(await get(`${cdn.url}/playbyplay/playbyplay_${first.gameId}.json`)));
    assert.equal(pbp.game.gameId, first.gameId);
    assert.ok(pbp.game.actions.length > 10);
    assert.ok(pbp.game.actions.every((a) => Date.parse(a.timeActual as string) <= cdn.clock.now()));
    const box = BoxscoreDocument.parse(json(await get(`${cdn.url}/boxscore/boxscore_${first.gameId}.json`)));
    assert.equal(box.game.gameStatus, 2);
    assert.equal(box.game.homeTeam.score, Number(pbp.game.actions.at(-1)?.scoreHome));
  }));

test('without Referer: https://www.nba.com/ every path answers 403 with an Access Denied page', (t) =>
  withCdn(t, async (cdn) => {
    for (const headers of [{}, { Referer: 'https://example.com/' }] as Array<Record<string, string>>) {
      for (const path of ['/scoreboard/todaysScoreboard_00.json', `/playbyplay/playbyplay_${cdn.games[0]?.gameId}.json`, '/nothing/here.json']) {
        const r = await get(`${cdn.url}${path}`, headers);
        assert.equal(r.status, 403, path);
        assert.match(String(r.headers['content-type']), /^text\/html/);
        assert.match(r.body.toString(), /<TITLE>Access Denied<\/TITLE>/);
      }
    }
  }));

test('a game that has not started answers 403 for play-by-play and boxscore; unknown paths 404', (t) =>
  withCdn(t, async (cdn, time) => {
    const game = cdn.games.at(-1);
    assert.ok(game);
    time.set(game.startsAt - 60_000);
    for (const path of [`/playbyplay/playbyplay_${game.gameId}.json`, `/boxscore/boxscore_${game.gameId}.json`]) {
      const r = await get(`${cdn.url}${path}`);
      assert.equal(r.status, 403, path);
      assert.match(r.body.toString(), /Access Denied/);
    }
    const board = ScoreboardDocument.parse(json(await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`)));
    assert.equal(board.scoreboard.games.find((g) => g.gameId === game.gameId)?.gameStatus, 1);
    time.set(game.startsAt);
    assert.equal((await get(`${cdn.url}/playbyplay/playbyplay_${game.gameId}.json`)).status, 200, 'open from the tip');
    for (const path of ['/playbyplay/playbyplay_0029999999.json', `/boxscore/playbyplay_${game.gameId}.json`, '/scoreboard/todaysScoreboard_01.json', '/']) {
      assert.equal((await get(`${cdn.url}${path}`)).status, 404, path);
    }
    assert.equal((await get(`${cdn.url}/scoreboard/todaysScoreboard_00.json`, { Referer: 'https://www.nba.com/' }, 'POST')).status, 405);
  }));

test('ETag and Last-Modified: 304 while unchanged, 200 with new validators once an action is published', (t) =>
  withCdn(t, async (cdn, time) => {
    const game = cdn.games[0];
    assert.ok(game);
    const a = game.actions[40];
    const b = game.actions.find((x) => x.publishAt > (a?.publishAt ?? 0));
    assert.ok(a && b);
    time.set(a.publishAt);
    const url = `${cdn.url}/playbyplay/playbyplay_${game.gameId}.json`;
    const first = await get(url);
    assert.equal(first.status, 200);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    assert.ok(Date.parse(lastModified) <= a.publishAt);

    time.set((a.publishAt + b.publishAt) / 2);
    const byTag = await get(url, { Referer: 'https://www.nba.com/', 'If-None-Match': etag });
    assert.equal(byTag.status, 304);
    assert.equal(byTag.body.length, 0);
    assert.equal(byTag.headers.etag, etag);
    assert.equal((await get(url, { Referer: 'https://www.nba.com/', 'If-Modified-Since': lastModified })).status, 304);

    time.set(b.publishAt);
    const changed = await get(url, { Referer: 'https://www.nba.com/', 'If-None-Match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, etag);
    const since = await get(url, { Referer: 'https://www.nba.com/', 'If-Modified-Since': lastModified });
    assert.equal(since.status, 200);
    assert.ok(Date.parse(String(since.headers['last-modified'])) > Date.parse(lastModified));
    // If-None-Match decides when both are sent.
    assert.equal((await get(url, { Referer: 'https://www.nba.com/', 'If-None-Match': '"other"', 'If-Modified-Since': String(since.headers['last-modified']) })).status, 200);
  }));

test('the scoreboard is byte-stable (304) before the first tip and after the last final', (t) =>
  withCdn(t, async (cdn, time) => {
    const url = `${cdn.url}/scoreboard/todaysScoreboard_00.json`;
    for (const [from, to] of [[cdn.night.opensAt, cdn.night.opensAt + 60_000], [cdn.night.closesAt, cdn.night.closesAt + 3_600_000]] as const) {
      time.set(from);
      const etag = String((await get(url)).headers.etag);
      time.set(to);
      assert.equal((await get(url, { Referer: 'https://www.nba.com/', 'If-None-Match': etag })).status, 304);
    }
  }));

test('gzip when asked, identity otherwise; HEAD sends headers only', (t) =>
  withCdn(t, async (cdn, time) => {
    time.set((cdn.games[0]?.endsAt ?? 0) + 1);
    const url = `${cdn.url}/playbyplay/playbyplay_${cdn.games[0]?.gameId}.json`;
    const plain = await get(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    const zipped = await get(url, { Referer: 'https://www.nba.com/', 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'Accept-Encoding');
    assert.ok(zipped.body.length < plain.body.length / 4);
    assert.deepEqual(gunzipSync(zipped.body), plain.body);
    assert.equal(zipped.headers.etag, plain.headers.etag);
    assert.equal((await get(url, { Referer: 'https://www.nba.com/', 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
    const head = await get(url, { Referer: 'https://www.nba.com/' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], String(plain.body.length));
  }));

test('isFinished turns true when the last game goes final', (t) =>
  withCdn(t, async (cdn, time) => {
    time.set(cdn.night.closesAt - 1);
    assert.equal(cdn.isFinished(), false);
    time.set(cdn.night.closesAt);
    assert.equal(cdn.isFinished(), true);
  }));

test('options are validated with exact messages', async (t) => {
  const night = testNight(t, DATE);
  if (!night) return;
  const refused = async (options: Record<string, unknown>, message: string): Promise<void> => {
    await assert.rejects(startFakeCdn(options as never), (e: unknown) => e instanceof ReplayError && e.code === 'invalid_option' && e.message === message);
  };
  await refused({ date: DATE }, 'dataDir is required (or pass night)');
  await refused({ dataDir: '/nowhere', date: '1/1/2018' }, 'date must be YYYY-MM-DD, got "1/1/2018"');
  await refused({ night, port: 70_000 }, 'port must be an integer 0..65535, got 70000');
  await refused({ night, port: 1.5 }, 'port must be an integer 0..65535, got 1.5');
  await refused({ night, host: '' }, 'host must be a non-empty string, got ');
  await refused({ night, faults: 'no' }, 'faults must be a function');
  await refused({ night, transform: {} }, 'transform must be a function');
  await refused({ night, speed: 0 }, 'speed must be a positive number, got 0');
  await assert.rejects(startFakeCdn({ dataDir: '/nowhere', date: DATE }), (e: unknown) => (e as { code?: string }).code === 'dataset_file');
});

test('play-by-play keeps its bytes and ETag while nothing is published, and changes with the next action', (t) =>
  withCdn(t, async (cdn, time) => {
    const game = cdn.games[0];
    assert.ok(game);
    time.set(game.startsAt + 20 * 60_000);
    const url = `${cdn.url}/playbyplay/playbyplay_${game.gameId}.json`;
    const gzip = { ...NBA_HEADERS, 'Accept-Encoding': 'gzip' };
    const [a, b, c] = [await get(url), await get(url, gzip), await get(url, gzip)];
    assert.equal(b.headers.etag, a.headers.etag);
    assert.ok(gunzipSync(b.body).equals(a.body));
    assert.ok(c.body.equals(b.body));
    const before = PlayByPlayDocument.parse(json(a)).game.actions.length;
    // The next minutes of the night publish more actions: a new body, a new ETag.
    time.set(game.startsAt + 25 * 60_000);
    const later = await get(url);
    assert.notEqual(later.headers.etag, a.headers.etag);
    const after = PlayByPlayDocument.parse(json(later)).game.actions;
    assert.ok(after.length > before);
    assert.deepEqual(PlayByPlayDocument.parse(json(a)).game.actions, after.slice(0, before));
  }));

import assert from 'node:assert/strict';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ArchiveRecord } from '../../archive/records.ts';
import { FEED, segment, T0, tempDir } from '../../archive/testing/fixtures.ts';
import { ArchiveWriter } from '../../archive/writer.ts';
import { get } from '../testing/http.ts';
import { startArchiveCdn } from './archive-cdn.ts';

const SCOREBOARD = '/scoreboard/todaysScoreboard_00.json';
const PBP_A = '/playbyplay/playbyplay_0021700001.json';
const PBP_B = '/playbyplay/playbyplay_0021700002.json';
const lm = (s: number): string => new Date(T0 + s * 1000).toUTCString();

function at(seconds: number, path: string, status: number, body: string, headers: Record<string, string> = {}): ArchiveRecord {
  return { url: `${FEED}${path}`, status, headers, sentAt: T0 + seconds * 1000 - 30, receivedAt: T0 + seconds * 1000, body: Buffer.from(body) };
}

/** One recorded night in miniature, with everything a CDN answers. */
const NIGHT: ArchiveRecord[] = [
  at(0, SCOREBOARD, 200, '{"scoreboard":1}', { 'content-type': 'application/json', etag: '"s1"', 'last-modified': lm(0), 'cache-control': 'max-age=5' }),
  at(1, PBP_A, 403, '<HTML><TITLE>Access Denied</TITLE></HTML>', { 'content-type': 'text/html' }),
  at(10, SCOREBOARD, 304, '', { etag: '"s1"' }),
  at(11, PBP_A, 200, '{"pbp":1}', { 'content-type': 'application/json', etag: '"p1"', 'last-modified': lm(11) }),
  at(21, PBP_A, 304, '', { etag: '"p1"' }),
  at(31, PBP_A, 429, 'Too Many Requests', { 'content-type': 'text/plain', 'retry-after': '7' }),
  at(32, PBP_A, 200, '{"pbp":2}', { 'content-type': 'application/json', etag: '"p2"', 'last-modified': lm(32) }),
  at(41, PBP_B, 200, '{"pbp":"b"}', { 'content-type': 'application/json', etag: '"b1"' }),
  at(50, SCOREBOARD, 200, '{"scoreboard":2}', { 'content-type': 'application/json', etag: '"s2"', 'last-modified': lm(50) }),
];

async function archive(t: TestContext, records: readonly ArchiveRecord[] = NIGHT): Promise<string> {
  const file = path.join(tempDir(t), '2018-01-01.archive');
  const writer = ArchiveWriter.open(file, segment());
  for (const r of records) await writer.append(r);
  await writer.close();
  return file;
}

/** The archive's CDN on a real port, its clock moved by hand: `real.ms` of real time since start. */
async function serve(t: TestContext, file: string, speed = 1) {
  const real = { ms: 0 };
  const cdn = await startArchiveCdn({ file, speed, now: () => real.ms });
  t.after(() => cdn.close());
  const fetchAt = (seconds: number, p: string, headers: Record<string, string> = {}, method = 'GET') => {
    real.ms = (seconds * 1000) / speed;
    return get(`${cdn.url}${p}`, headers, method);
  };
  return { cdn, fetchAt };
}

test('each request gets the response current at the simulated instant, byte for byte, error pages included', async (t) => {
  const { cdn, fetchAt } = await serve(t, await archive(t));
  assert.equal(cdn.date, '2018-01-01');
  assert.match(cdn.url, /^http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData$/);

  const board = await fetchAt(0, SCOREBOARD);
  assert.equal(board.status, 200);
  assert.equal(board.body.toString(), '{"scoreboard":1}');
  assert.equal(board.headers.etag, '"s1"');
  assert.equal(board.headers['cache-control'], 'max-age=5');
  assert.equal(board.headers['content-length'], '16');

  const denied = await fetchAt(5, PBP_A);
  assert.equal(denied.status, 403);
  assert.equal(denied.headers['content-type'], 'text/html');
  assert.equal(denied.body.toString(), '<HTML><TITLE>Access Denied</TITLE></HTML>');

  assert.equal((await fetchAt(12, PBP_A)).body.toString(), '{"pbp":1}');
  // A recorded 304 stands for the 200 before it.
  const unchanged = await fetchAt(25, PBP_A);
  assert.equal(unchanged.status, 200);
  assert.equal(unchanged.body.toString(), '{"pbp":1}');
  assert.equal((await fetchAt(15, SCOREBOARD)).body.toString(), '{"scoreboard":1}');

  const limited = await fetchAt(31.5, PBP_A);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers['retry-after'], '7');
  assert.equal(limited.body.toString(), 'Too Many Requests');
  assert.equal((await fetchAt(33, PBP_A)).body.toString(), '{"pbp":2}');
  assert.equal((await fetchAt(55, SCOREBOARD)).body.toString(), '{"scoreboard":2}');
});

test('conditional requests are answered 304 while the recorded document keeps its validator, like the CDN', async (t) => {
  const { fetchAt } = await serve(t, await archive(t));
  const byTag = await fetchAt(12, PBP_A, { 'If-None-Match': '"p1"' });
  assert.equal(byTag.status, 304);
  assert.equal(byTag.headers.etag, '"p1"');
  assert.equal(byTag.headers['last-modified'], lm(11));
  assert.equal(byTag.body.length, 0);
  assert.equal((await fetchAt(25, PBP_A, { 'If-None-Match': 'W/"p1"' })).status, 304);
  assert.equal((await fetchAt(25, PBP_A, { 'If-Modified-Since': lm(11) })).status, 304);
  assert.equal((await fetchAt(25, PBP_A, { 'If-Modified-Since': lm(10) })).status, 200);
  // If-None-Match decides when both are sent.
  assert.equal((await fetchAt(25, PBP_A, { 'If-None-Match': '"p0"', 'If-Modified-Since': lm(11) })).status, 200);
  // Error answers are never turned into 304s; a new body is a 200 whatever was asked.
  assert.equal((await fetchAt(31.5, PBP_A, { 'If-None-Match': '"p1"' })).status, 429);
  const changed = await fetchAt(33, PBP_A, { 'If-None-Match': '"p1"' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.toString(), '{"pbp":2}');
  // No Last-Modified recorded for B: If-Modified-Since alone never matches it.
  assert.equal((await fetchAt(45, PBP_B, { 'If-Modified-Since': lm(60) })).status, 200);
});

test('a document the recorder first fetched later in the current poll is served; one not fetched by then is a 404 that says so', async (t) => {
  const { cdn, fetchAt } = await serve(t, await archive(t));
  // B was first fetched at 41 s, after the scoreboard of 10 s and before the next one (50 s).
  assert.equal((await fetchAt(2, PBP_B)).status, 404, 'at 2 s, B belongs to a later poll');
  assert.equal((await fetchAt(33, PBP_B)).body.toString(), '{"pbp":"b"}', 'at 33 s, B comes later in the same poll');
  const never = await fetchAt(20, '/playbyplay/playbyplay_0021700009.json');
  assert.equal(never.status, 404);
  assert.equal(never.body.toString(), `Not Found: /static/json/liveData/playbyplay/playbyplay_0021700009.json is not in the archive as of ${new Date(T0 + 20_000).toISOString()}\n`);
  assert.equal((await fetchAt(20, '/other/path.json')).status, 404);
  assert.equal((await get(`${cdn.url.replace('/static/json/liveData', '')}/favicon.ico`)).status, 404);
  const head = await fetchAt(20, SCOREBOARD, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], '16');
  assert.equal(head.body.length, 0);
  const post = await fetchAt(20, SCOREBOARD, {}, 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('the original timing, scaled by speed; finished once past the last response', async (t) => {
  const { cdn, fetchAt } = await serve(t, await archive(t), 10);
  assert.equal(cdn.speed, 10);
  assert.equal((await fetchAt(12, PBP_A)).body.toString(), '{"pbp":1}');
  assert.equal(cdn.isFinished(), false);
  assert.equal((await fetchAt(50, SCOREBOARD)).body.toString(), '{"scoreboard":2}');
  assert.equal(cdn.isFinished(), true);
  assert.equal(cdn.summary.records, NIGHT.length);
});

test('an archive with nothing in it and bad options are refused with what is wrong', async (t) => {
  await assert.rejects(startArchiveCdn({ file: await archive(t, []) }), { code: 'archive_empty', message: /2018-01-01\.archive: holds no recorded response/ });
  const file = await archive(t);
  await assert.rejects(startArchiveCdn({ file, speed: 0 }), { code: 'invalid_option', message: 'speed must be a positive number, got 0' });
  await assert.rejects(startArchiveCdn({ file, port: 70_000 }), { code: 'invalid_option', message: 'port must be an integer 0..65535, got 70000' });
  // Default speed: the archive in about ten minutes (at least 1).
  const cdn = await startArchiveCdn({ file });
  t.after(() => cdn.close());
  assert.equal(cdn.speed, 1);
});

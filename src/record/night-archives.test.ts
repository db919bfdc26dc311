import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ArchiveReader } from '../archive/reader.ts';
import { tempDir } from '../archive/testing/fixtures.ts';
import type { RawFeedResponse } from '../feed/tap.ts';
import { NightArchives } from './night-archives.ts';

const FEED = 'http://127.0.0.1:9/static/json/liveData';
const SCOREBOARD = `${FEED}/scoreboard/todaysScoreboard_00.json`;

function raw(url: string, status: number, body: string, at: number, headers: Record<string, string> = {}): RawFeedResponse {
  return { url, status, headers: new Headers(headers), body: Buffer.from(body), sentAt: at - 5, receivedAt: at };
}
const board = (date: string, at: number): RawFeedResponse => raw(SCOREBOARD, 200, JSON.stringify({ scoreboard: { gameDate: date, games: [] } }), at, { etag: `"${date}"` });

async function read(file: string): Promise<Array<[string, number, Record<string, string>]>> {
  const out: Array<[string, number, Record<string, string>]> = [];
  for await (const { record, segment } of ArchiveReader.open(file).responses()) {
    assert.equal(segment.feedUrl, FEED);
    out.push([record.url.replace(`${FEED}/`, ''), record.status, { ...record.headers }]);
  }
  return out;
}

test('one archive per night, named for the scoreboard\'s date; what came before the first good board waits for it', async (t) => {
  const dir = path.join(tempDir(t), 'nights');
  const opened: string[] = [];
  const warnings: string[] = [];
  const archives = new NightArchives({ outDir: dir, feedUrl: FEED, speed: 1, now: () => 1_000, warn: (m) => warnings.push(m), onNight: (night, file) => opened.push(`${night} ${file}`) });
  await archives.tap(raw(SCOREBOARD, 403, '<HTML>Access Denied</HTML>', 10, { 'content-type': 'text/html', 'content-length': '26' }));
  await archives.tap(raw(SCOREBOARD, 200, '{"scoreboard": ', 20));
  assert.deepEqual(opened, [], 'no night named yet');
  await archives.tap(board('2018-01-01', 30));
  await archives.tap(raw(`${FEED}/playbyplay/playbyplay_0021700585.json`, 200, '{"game":{}}', 40, { 'content-encoding': 'gzip', etag: '"p"' }));
  await archives.tap(raw(SCOREBOARD, 304, '', 50, { etag: '"2018-01-01"' }));
  await archives.tap(board('2018-01-02', 60));
  const written = await archives.close();

  const first = path.join(dir, '2018-01-01.archive');
  const second = path.join(dir, '2018-01-02.archive');
  assert.deepEqual(opened, [`2018-01-01 ${first}`, `2018-01-02 ${second}`]);
  assert.deepEqual(written.map((a) => [a.night, a.file, a.records]), [['2018-01-01', first, 5], ['2018-01-02', second, 1]]);
  assert.deepEqual(await read(first), [
    // Transfer headers are the transport's, not the document's: the body is stored decoded.
    ['scoreboard/todaysScoreboard_00.json', 403, { 'content-type': 'text/html' }],
    ['scoreboard/todaysScoreboard_00.json', 200, {}],
    ['scoreboard/todaysScoreboard_00.json', 200, { etag: '"2018-01-01"' }],
    ['playbyplay/playbyplay_0021700585.json', 200, { etag: '"p"' }],
    ['scoreboard/todaysScoreboard_00.json', 304, { etag: '"2018-01-01"' }],
  ]);
  assert.deepEqual((await read(second)).map(([, status]) => status), [200]);
  assert.deepEqual(ArchiveReader.open(first).summary.segments, [{ night: '2018-01-01', feedUrl: FEED, speed: 1, startedAt: 1_000 }]);
  assert.deepEqual(warnings, []);
});

test('responses no scoreboard ever names are reported at close, and no file is made for them', async (t) => {
  const dir = tempDir(t);
  const warnings: string[] = [];
  const archives = new NightArchives({ outDir: dir, feedUrl: FEED, speed: 1, now: () => 0, warn: (m) => warnings.push(m) });
  await archives.tap(raw(SCOREBOARD, 503, 'busy', 10));
  assert.deepEqual(await archives.close(), []);
  assert.deepEqual(warnings, ['1 responses were never written: no scoreboard named their night']);
  assert.equal(existsSync(path.join(dir, 'undefined.archive')), false);
});

test('an output folder that cannot be made is an error naming it', (t) => {
  const file = path.join(tempDir(t), 'a-file');
  writeFileSync(file, 'x');
  assert.throws(() => new NightArchives({ outDir: path.join(file, 'nights'), feedUrl: FEED, speed: 1, now: () => 0, warn: () => undefined }), {
    code: 'archive_file',
    message: new RegExp(`^${file}/nights: cannot create the output folder: ENOTDIR`),
  });
});

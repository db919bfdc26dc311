import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ArchiveReader } from './reader.ts';
import type { ArchiveRecord } from './records.ts';
import { playByPlayBody, response, segment, T0, tempDir } from './testing/fixtures.ts';
import { ArchiveWriter } from './writer.ts';

async function write(file: string, records: readonly ArchiveRecord[], night = segment()): Promise<ArchiveWriter> {
  const writer = ArchiveWriter.open(file, night);
  for (const r of records) await writer.append(r);
  return writer;
}

async function readAll(file: string, warnings: string[] = []): Promise<ArchiveRecord[]> {
  const out: ArchiveRecord[] = [];
  for await (const { record } of ArchiveReader.open(file, { warn: (m) => warnings.push(m) }).responses()) out.push(record);
  return out;
}

/** Records compared with their bodies as plain bytes. */
const plain = (records: readonly ArchiveRecord[]) => records.map((r) => ({ ...r, body: Buffer.from(r.body).toString('hex') }));

test('every response comes back as written: status, headers, stamps and the body byte for byte', async (t) => {
  const file = path.join(tempDir(t), 'night.archive');
  const records = [
    response(0, { url: 'http://127.0.0.1:9/static/json/liveData/scoreboard/todaysScoreboard_00.json' }),
    response(1, { status: 304, body: new Uint8Array(0), headers: { etag: '"v0"' } }),
    response(2, { status: 403, headers: { 'content-type': 'text/html' }, body: Buffer.from('<HTML><TITLE>Access Denied</TITLE></HTML>\n') }),
    response(3, { status: 429, headers: { 'retry-after': '7' }, body: Buffer.from('Too Many Requests') }),
    response(4, { body: randomBytes(70_000) }),
    response(5, { body: Buffer.from('{"truncated": [1, 2') }),
  ];
  const writer = await write(file, records);
  assert.equal(writer.records, records.length);
  await writer.close();
  assert.equal(writer.bytes, statSync(file).size);

  const warnings: string[] = [];
  assert.deepEqual(plain(await readAll(file, warnings)), plain(records));
  assert.deepEqual(warnings, []);
  const { summary } = ArchiveReader.open(file);
  assert.deepEqual(summary.segments, [segment()]);
  assert.equal(summary.records, records.length);
  assert.equal(summary.firstAt, records[0]?.receivedAt);
  assert.equal(summary.lastAt, records.at(-1)?.receivedAt);
  assert.equal(summary.torn, undefined);
});

test('a body that grows a little from poll to poll costs little more than what changed', async (t) => {
  const file = path.join(tempDir(t), 'night.archive');
  const bodies = Array.from({ length: 60 }, (_, i) => playByPlayBody(400 + i));
  const writer = await write(file, bodies.map((body, i) => response(i, { body })));
  await writer.close();
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const oneBody = bodies[0]?.length ?? 0;
  assert.ok(raw > 4_000_000, `${raw} bytes of bodies`);
  // Each body compressed alone would be ~10% of raw; sharing the stream's history, the whole night is a few bodies' worth.
  assert.ok(writer.bytes < oneBody, `archive ${writer.bytes} bytes for ${raw} bytes of bodies (one body: ${oneBody})`);
  assert.equal((await readAll(file)).length, 60);
});

test('a torn tail, wherever the last write was cut, is dropped with a warning and every whole record kept', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'night.archive');
  const records = [0, 1, 2, 3].map((i) => response(i));
  const writer = await write(file, records.slice(0, 3));
  const beforeLast = writer.bytes;
  await writer.append(records[3] as ArchiveRecord);
  const whole = readFileSync(file);
  const lastFrame = whole.length - beforeLast;
  for (const cut of [1, 5, 16, 17, 18, Math.floor(lastFrame / 2), lastFrame - 1]) {
    const torn = path.join(dir, `torn-${cut}.archive`);
    writeFileSync(torn, whole.subarray(0, beforeLast + cut));
    const warnings: string[] = [];
    assert.deepEqual(plain(await readAll(torn, warnings)), plain(records.slice(0, 3)), `cut ${cut} bytes into the last frame`);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, new RegExp(`torn-${cut}\\.archive: dropped a torn tail of ${cut} bytes at byte ${beforeLast} \\(.+\\); every record before it is whole`));
  }
  // Zeros after the last whole frame (a power cut on some file systems) are a torn tail too.
  const zeros = path.join(dir, 'zeros.archive');
  writeFileSync(zeros, Buffer.concat([whole, Buffer.alloc(300)]));
  const warnings: string[] = [];
  assert.equal((await readAll(zeros, warnings)).length, 4);
  assert.match(warnings[0] as string, /300 zero bytes/);
  await writer.close();
});

test('reopening an archive drops its torn tail and continues it in a new segment', async (t) => {
  const file = path.join(tempDir(t), 'night.archive');
  const first = await write(file, [response(0), response(1)]);
  await first.close();
  const size = statSync(file).size;
  writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0x52, 0, 0, 1])]));
  const warnings: string[] = [];
  const second = ArchiveWriter.open(file, segment({ startedAt: T0 + 60_000 }), { warn: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] as string, new RegExp(`dropped a torn tail of 4 bytes at byte ${size}`));
  await second.append(response(7));
  await second.close();
  assert.deepEqual((await readAll(file)).map((r) => r.headers.etag), ['"v0"', '"v1"', '"v7"']);
  assert.deepEqual(ArchiveReader.open(file).summary.segments.map((s) => s.startedAt), [T0, T0 + 60_000]);
});

test('damage before the last frame, a file that is no archive, and a missing file are errors that say where', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'night.archive');
  await (await write(file, [response(0), response(1)])).close();
  const bytes = readFileSync(file);
  const firstRecord = bytes.indexOf(0x52, 20 + 17 + JSON.stringify(segment()).length);
  const flipped = Buffer.from(bytes);
  flipped[firstRecord + 40] = (flipped[firstRecord + 40] as number) ^ 0xff;
  writeFileSync(file, flipped);
  assert.throws(() => ArchiveReader.open(file), { code: 'archive_corrupt', offset: firstRecord, message: `${file}: the frame at byte ${firstRecord} fails its checksum` });
  assert.throws(() => ArchiveWriter.open(file, segment()), { code: 'archive_corrupt' });

  const json = path.join(dir, 'scoreboard.json');
  writeFileSync(json, '{"scoreboard": {}}');
  assert.throws(() => ArchiveReader.open(json), { code: 'archive_format', message: `${json}: not a Courtside night archive (it does not start with "courtside-archive 1")` });
  assert.throws(() => ArchiveWriter.open(json, segment()), { code: 'archive_format' });
  const future = path.join(dir, 'future.archive');
  writeFileSync(future, 'courtside-archive 2\n');
  assert.throws(() => ArchiveReader.open(future), { message: `${future}: archive format "2"; this Courtside reads format 1` });
  assert.throws(() => ArchiveReader.open(path.join(dir, 'missing.archive')), { code: 'archive_file', message: /missing\.archive: cannot read: ENOENT/ });
});

test('a file cut inside its first line reads as empty, and a writer starts it afresh', async (t) => {
  const file = path.join(tempDir(t), 'night.archive');
  writeFileSync(file, 'courtside-arc');
  const warnings: string[] = [];
  assert.equal(ArchiveReader.open(file, { warn: (m) => warnings.push(m) }).summary.records, 0);
  assert.match(warnings[0] as string, /the file ends inside its first line/);
  await (await write(file, [response(0)])).close();
  assert.equal((await readAll(file)).length, 1);
  truncateSync(file, 0);
  assert.equal(ArchiveReader.open(file).summary.records, 0);
});

test('append after close is refused', async (t) => {
  const writer = ArchiveWriter.open(path.join(tempDir(t), 'night.archive'), segment());
  await writer.close();
  await assert.rejects(writer.append(response(0)), { code: 'archive_closed' });
});

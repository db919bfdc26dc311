/**
 * `courtside record` and `courtside replay --archive` as an operator runs them: their own
 * processes, a real fake CDN over HTTP, and a recorder killed with SIGKILL mid-night.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CliProcess } from '../../test/support/cli-process.ts';
import { ArchiveReader } from '../archive/reader.ts';
import type { ArchiveRecord } from '../archive/records.ts';
import { tempDir } from '../archive/testing/fixtures.ts';
import { ENDPOINT_SCHEMAS } from '../feed/endpoints.ts';
import { startFakeCdn } from '../replay/fake-cdn.ts';
import { routeOf } from '../replay/routes.ts';
import { get } from '../replay/testing/http.ts';
import { NIGHT_DATE, syntheticNightData } from './testing/synthetic-night.ts';

/** The synthetic night lasts about half a minute at this speed: long enough to be cut short. */
const SPEED = 200;
/** Requests the recorder has in flight at most: its pool of four. */
const IN_FLIGHT = 4;

test('a recorder killed with SIGKILL leaves an archive that reads back with every response it had, and replays', async (t) => {
  let requests = 0;
  const cdn = await startFakeCdn({ dataDir: syntheticNightData(t), date: NIGHT_DATE, speed: SPEED, faults: () => void requests++ });
  t.after(() => cdn.close());
  const out = tempDir(t);
  const recorder = new CliProcess(['record', '--out', out, '--feed-url', cdn.url, '--speed', String(SPEED), '--log-level', 'silent']);
  t.after(() => recorder.kill());
  const [, file] = (await recorder.waitFor(/recording 2018-01-01 to (.+\.archive)\n/)) as unknown as [string, string];
  assert.equal(file, path.join(out, `${NIGHT_DATE}.archive`));
  assert.match(recorder.stdout, new RegExp(`^Courtside record: ${cdn.url} → ${out}, polling every 10 s of a feed at speed ${SPEED}\n`));
  while (requests < 40) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(await recorder.kill('SIGKILL'), { code: null, signal: 'SIGKILL' });
  const sent = requests;

  const warnings: string[] = [];
  const reader = ArchiveReader.open(file, { warn: (m) => warnings.push(m) });
  assert.ok(warnings.length <= 1, warnings.join('\n'));
  const records: ArchiveRecord[] = [];
  for await (const { record } of reader.responses()) records.push(record);
  assert.equal(records.length, reader.summary.records);
  assert.ok(records.length >= sent - IN_FLIGHT && records.length <= sent, `${records.length} responses archived of ${sent} requests answered`);
  for (const r of records) {
    const route = routeOf(new URL(r.url).pathname);
    assert.ok(route, r.url);
    assert.ok([200, 304].includes(r.status), `${r.url}: ${r.status}`);
    if (r.status === 200) ENDPOINT_SCHEMAS[route.kind].parse(JSON.parse(Buffer.from(r.body).toString('utf8')));
  }

  // What was recorded replays: the first scoreboard, byte for byte.
  const replay = new CliProcess(['replay', '--archive', file, '--speed', String(SPEED)]);
  t.after(() => replay.kill());
  const [, url] = (await replay.waitFor(/feed URL: (http:\/\/127\.0\.0\.1:\d+\/static\/json\/liveData)\n/)) as unknown as [string, string];
  assert.match(replay.stdout, new RegExp(`^Courtside replay: ${file}, the night of ${NIGHT_DATE}, ${records.length} responses at speed ${SPEED} `));
  const board = await get(`${url}/scoreboard/todaysScoreboard_00.json`);
  assert.equal(board.status, 200);
  assert.deepEqual(board.body, Buffer.from((records[0] as ArchiveRecord).body));
  replay.child.kill('SIGINT');
  assert.deepEqual(await replay.exited, { code: 0, signal: null });
});

test('record and replay --archive refuse what they cannot use, saying what, with status 2 for options', async (t) => {
  const bogus = path.join(tempDir(t), 'tonight.json');
  writeFileSync(bogus, '{}');
  const runs = [
    [['replay', '--archive', bogus], 2, `courtside replay: ${bogus}: not a Courtside night archive (it does not start with "courtside-archive 1")\n`],
    [['replay', '--archive', bogus, '--date', '2018-01-01'], 2, 'courtside replay: --archive replays a recorded night: leave out --date and --list\n'],
    [['record', '--out', path.join(bogus, 'nights')], 1, `courtside record: ${path.join(bogus, 'nights')}: cannot create the output folder: ENOTDIR: not a directory, mkdir '${path.join(bogus, 'nights')}'\n`],
    [['record', '--out', path.dirname(bogus), '--speed', '0'], 2, 'courtside record: --speed must be a positive number, got 0\n'],
  ] as const;
  const processes = runs.map(([args]) => new CliProcess(args));
  for (const [i, [args, code, stderr]] of runs.entries()) {
    const run = processes[i] as CliProcess;
    assert.deepEqual(await run.exited, { code, signal: null }, args.join(' '));
    assert.equal(run.stderr, stderr);
  }
});

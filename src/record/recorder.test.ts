import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ArchiveReader } from '../archive/reader.ts';
import type { ArchiveRecord } from '../archive/records.ts';
import { tempDir } from '../archive/testing/fixtures.ts';
import { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from '../feed/nba-schemas.ts';
import { buildMinutePattern } from '../game/pattern.ts';
import { accessDenied, accessDeniedPage, tooManyRequests, type Fault, type FaultRequest } from '../replay/faults.ts';
import { startFakeCdn } from '../replay/fake-cdn.ts';
import { minuteDiffsRow } from '../replay/testing/synthetic.ts';
import { silentLogger } from '../service/ports.ts';
import { startRecorder } from './recorder.ts';
import { NIGHT_DATE, NIGHT_GAMES, syntheticNightData } from './testing/synthetic-night.ts';

const SPEED = 3000;
const FAST_RETRIES = { retryInitialDelayMs: 1, retryMaxDelayMs: 5 } as const;

async function responses(file: string): Promise<ArchiveRecord[]> {
  const out: ArchiveRecord[] = [];
  for await (const { record } of ArchiveReader.open(file).responses()) out.push(record);
  return out;
}

const json = (r: ArchiveRecord): unknown => JSON.parse(Buffer.from(r.body).toString('utf8'));

test('records a night from the feed into one archive named for its date: every answer, faults included, until all is final', async (t) => {
  const dataDir = syntheticNightData(t);
  let scoreboards = 0;
  const limited = new Set<string>();
  const faults = (req: FaultRequest): Fault | undefined => {
    if (req.kind === 'scoreboard' && ++scoreboards === 3) return accessDenied(`http://cdn.nba.com${req.path}`);
    if (req.kind === 'playbyplay' && req.gameId === NIGHT_GAMES[1]?.gameId && !limited.has(req.path)) {
      limited.add(req.path);
      return tooManyRequests(0);
    }
    return undefined;
  };
  const cdn = await startFakeCdn({ dataDir, date: NIGHT_DATE, speed: SPEED, faults });
  t.after(() => cdn.close());
  const out = path.join(tempDir(t), 'nights');
  const opened: string[] = [];
  const recorder = startRecorder({ outDir: out, feedUrl: cdn.url, speed: SPEED, exitWhenDone: true }, { logger: silentLogger, feedOptions: FAST_RETRIES, onNight: (night) => opened.push(night) });
  const [archive, ...others] = await recorder.done;
  const file = path.join(out, `${NIGHT_DATE}.archive`);
  assert.deepEqual(others, []);
  assert.equal(archive?.file, file);
  assert.deepEqual(opened, [NIGHT_DATE]);

  const { summary } = ArchiveReader.open(file);
  assert.equal(summary.records, archive.records);
  assert.deepEqual(summary.segments.map(({ night, feedUrl, speed }) => ({ night, feedUrl, speed })), [{ night: NIGHT_DATE, feedUrl: cdn.url, speed: SPEED }]);
  // Stamped on the feed's clock: the archive spans about the night, not the seconds it took here.
  const night = cdn.night.closesAt - cdn.night.opensAt;
  const span = (summary.lastAt as number) - (summary.firstAt as number);
  assert.ok(span > 0.7 * night && span < 1.5 * night, `archive spans ${span} ms of a ${night} ms night`);

  const records = await responses(file);
  assert.ok(records.every((r, i) => i === 0 || r.receivedAt >= (records[i - 1] as ArchiveRecord).receivedAt), 'in order of arrival');
  const of = (kind: string, gameId = '') => records.filter((r) => r.url === `${cdn.url}/${kind}/${kind === 'scoreboard' ? 'todaysScoreboard_00' : `${kind}_${gameId}`}.json`);
  const boards = of('scoreboard');
  // 304s depend on how many polls fit between two changes, which a loaded machine decides.
  assert.deepEqual([...new Set(boards.map((r) => r.status))].filter((s) => s !== 304).sort(), [200, 403]);
  const denied = boards.find((r) => r.status === 403) as ArchiveRecord;
  assert.equal(Buffer.from(denied.body).toString(), accessDeniedPage(`http://cdn.nba.com${new URL(denied.url).pathname}`));
  assert.equal(denied.headers['content-type'], 'text/html');
  for (const r of boards.filter((b) => b.status === 200)) ScoreboardDocument.parse(json(r));
  assert.ok(ScoreboardDocument.parse(json(boards.filter((b) => b.status === 200).at(-1) as ArchiveRecord)).scoreboard.games.every((g) => g.gameStatus === 3));

  for (const g of NIGHT_GAMES) {
    const pbp = of('playbyplay', g.gameId);
    const fresh = pbp.filter((r) => r.status === 200);
    // How many polls a game gets depends on the machine's load; two bodies already show it was recorded while it went on.
    assert.ok(fresh.length >= 2, `${g.gameId}: play-by-play recorded as the game went (${fresh.length} bodies)`);
    const final = PlayByPlayDocument.parse(json(fresh.at(-1) as ArchiveRecord));
    const truth = minuteDiffsRow(g).split(',').slice(5, 53).map(Number);
    assert.deepEqual(buildMinutePattern(final.game.actions).pattern.slice(0, 48), truth, `${g.gameId}: the last body recorded is the whole game`);
    const boxscores = of('boxscore', g.gameId);
    assert.equal(boxscores.length, 1, `${g.gameId}: one boxscore, at final`);
    assert.equal(BoxscoreDocument.parse(json(boxscores[0] as ArchiveRecord)).game.gameStatus, 3);
  }
  const rateLimited = of('playbyplay', NIGHT_GAMES[1]?.gameId).find((r) => r.status === 429);
  assert.equal(rateLimited?.headers['retry-after'], '0', 'the 429 is recorded, then the retry that followed it');
});

test('an archive that cannot be written stops the recorder with an error naming the file', async (t) => {
  const cdn = await startFakeCdn({ dataDir: syntheticNightData(t), date: NIGHT_DATE, speed: SPEED });
  t.after(() => cdn.close());
  const out = tempDir(t);
  mkdirSync(path.join(out, `${NIGHT_DATE}.archive`));
  const recorder = startRecorder({ outDir: out, feedUrl: cdn.url, speed: SPEED }, { logger: silentLogger });
  await assert.rejects(recorder.done, { code: 'ERR_ARCHIVE_FILE', message: new RegExp(`${NIGHT_DATE}\\.archive: cannot read: EISDIR`) });
});

test('bad options are refused before anything starts, each named', () => {
  assert.throws(() => startRecorder({ outDir: '', feedUrl: 'ftp://cdn', speed: 0, pollSeconds: 0.5 }, { logger: silentLogger }), {
    name: 'TypeError',
    code: 'invalid_option',
    message: /^record: --out: .+; --feed-url: .+; --speed: .+; --poll-seconds: .+$/,
  });
});

/**
 * Acceptance of `courtside record` and `--archive`: a real 2017-18 night replayed by the fake CDN
 * at speed 1000, watched at the same time by the service (stream A) and by `courtside record` (its
 * own process, over real HTTP); then the service runs on the archive alone (stream B). The two
 * streams must tell the same night: the same games, the same kinds of message per game, the same
 * final patterns, forecasts and halftime grades. The baseline model serves both runs (no model
 * folder), so a forecast depends on its pattern only, not on the order other games finished in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArchiveReader } from '../src/archive/reader.ts';
import { loadConfig, type ConfigInput } from '../src/config.ts';
import { startService, type RunningService } from '../src/main.ts';
import { loadDataDir } from '../src/data/dataset-files.ts';
import { startFakeCdn, type FakeCdn } from '../src/replay/fake-cdn.ts';
import { loadNight } from '../src/replay/night.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { CliProcess } from './support/cli-process.ts';
import { findDataDir } from './support/data.ts';
import { foldNight, type GameStream } from './support/night-stream.ts';
import { Collector } from './support/ws-collector.ts';
import { BASELINE_MODEL } from '../src/config/model.ts';

/** New Year's Day 2018: four games, two to overtime; about eleven seconds at speed 1000. */
const DATE = '2018-01-01';
const SPEED = 1000;

describe('a recorded night replays to the same message stream', () => {
  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-record-replay-'));
  let live: Map<string, GameStream> | undefined;
  let replayed: Map<string, GameStream> | undefined;
  let archive = '';
  let recorderOutput = '';
  let truth: Map<string, readonly number[]>;

  /** The service with the baseline model, streaming to one client until every game is final. */
  async function watch(input: ConfigInput): Promise<{ stream: Map<string, GameStream>; service: RunningService }> {
    const config = loadConfig({ port: 0, host: '127.0.0.1', speed: SPEED, exitWhenDone: true, logLevel: 'silent', dataDir: data.dir, modelDir: BASELINE_MODEL, ...input }, {});
    const service = await startService(config, { logger: silentLogger, dashboard: false });
    const client = new Collector(service.wsUrl);
    await client.opened;
    return {
      service,
      stream: await (async () => {
        try {
          await service.done;
          await client.readThrough(service.broadcaster.seq, 10_000);
          assert.deepEqual(client.invalid, []);
          return foldNight(client.messages);
        } finally {
          client.close();
          await service.close();
        }
      })(),
    };
  }

  before(async () => {
    if (!data.dir) return;
    truth = new Map(loadDataDir(data.dir).filter((g) => g.gameDate === DATE).map((g) => [g.gameId, g.d]));
    // The night stands still until the recorder and the service are both watching.
    const realNow = (): number => performance.timeOrigin + performance.now();
    const frozenAt = realNow();
    let goAt: number | undefined;
    const cdn: FakeCdn = await startFakeCdn({ night: loadNight(data.dir, DATE), speed: SPEED, now: () => (goAt === undefined ? frozenAt : frozenAt + realNow() - goAt) });
    const recorder = new CliProcess(['record', '--out', dir, '--feed-url', cdn.url, '--speed', String(SPEED), '--exit-when-done', '--log-level', 'warn']);
    try {
      archive = (await recorder.waitFor(/recording \d{4}-\d{2}-\d{2} to (.+)\n/, 60_000))[1] as string;
      const watching = watch({ source: 'nba', feedUrl: cdn.url, db: path.join(dir, 'live.db') });
      goAt = realNow();
      live = (await watching).stream;
      const exit = await Promise.race([recorder.exited, new Promise((resolve) => setTimeout(resolve, 30_000, 'still running'))]);
      recorderOutput = recorder.stdout + recorder.stderr;
      assert.deepEqual(exit, { code: 0, signal: null }, recorderOutput);
    } finally {
      await recorder.kill();
      await cdn.close();
    }
    replayed = (await watch({ source: 'replay', archive })).stream;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records the night into one archive named for it, and says so', (t) => {
    if (!data.dir) return t.skip(data.reason);
    assert.equal(archive, path.join(dir, `${DATE}.archive`));
    const { summary } = ArchiveReader.open(archive);
    assert.match(recorderOutput, new RegExp(`${DATE}: ${summary.records} responses, \\d+\\.\\d\\d MB in ${archive}\\nevery game is final and recorded\\n`));
    assert.equal(summary.torn, undefined);
  });

  it('streams the same games, each with the same kinds of message, from the archive as from the night', (t) => {
    if (!live || !replayed) return t.skip(data.reason);
    assert.deepEqual([...replayed.keys()], [...truth.keys()].sort());
    assert.deepEqual([...replayed.keys()], [...live.keys()]);
    for (const [gameId, game] of live) {
      assert.deepEqual(game.types, ['forecast_update', 'halftime_result', 'ml_prediction', 'pattern_progress', 'score_update'], gameId);
      assert.deepEqual(replayed.get(gameId)?.types, game.types, gameId);
    }
  });

  it('ends every game with the same exact pattern, equal to the dataset', (t) => {
    if (!live || !replayed) return t.skip(data.reason);
    for (const [gameId, game] of replayed) {
      assert.equal(game.approximate, false, gameId);
      assert.deepEqual(game.pattern.slice(0, 48), truth.get(gameId), `${gameId} d1..d48`);
      assert.deepEqual(game.pattern, live.get(gameId)?.pattern, `${gameId} whole pattern, overtime included`);
    }
  });

  it('forecasts and grades every game the same way', (t) => {
    if (!live || !replayed) return t.skip(data.reason);
    for (const [gameId, game] of live) {
      const replay = replayed.get(gameId);
      assert.ok(game.forecast && game.halftime, gameId);
      assert.deepEqual(replay?.forecast, game.forecast, `${gameId} forecast`);
      assert.deepEqual(replay?.halftime, game.halftime, `${gameId} halftime grade`);
    }
  });
});

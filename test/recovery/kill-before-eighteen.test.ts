/**
 * Issue 5: a restart that lands between 18:00 and halftime. The service is killed (-9) while a
 * game is between 15:00 and 18:00 with no forecast, and kept down until the replay's scoreboard
 * shows that game past 18:00; so the minutes it missed come from play-by-play after the restart,
 * and the forecast is made then, once, from the exact d1..d18, and graded at halftime.
 *
 * Slower than the whole-night test (speed 50): the window from 18:00 to halftime is about twenty
 * real seconds here, room for a restart (two models and the dataset loaded) on a loaded machine. The night is not played out;
 * the test ends at that game's halftime.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { HALFTIME_MINUTE, minuteDiff } from '../../src/domain/minutes.ts';
import { parseClock } from '../../src/game/clock.ts';
import { loadDataDir } from '../../src/data/dataset-files.ts';
import type { HistoricalGame } from '../../src/domain/historical-game.ts';
import type { HalftimeResult, MlPrediction } from '../../src/protocol/messages.ts';
import { findDataDir } from '../support/data.ts';
import { NightView } from '../support/night-view.ts';
import { ReplayedNight, resumeStream, SERVE_READY } from '../support/replayed-night.ts';
import { assertContiguous, broadcastFrames, lastSeqSeen } from '../support/stream-checks.ts';
import { Collector } from '../support/ws-collector.ts';

const NIGHT = '2017-10-20';
const SPEED = 50;

const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');

describe(`kill -9 before 18:00, back before halftime (${NIGHT}, speed ${SPEED})`, () => {
  let night: ReplayedNight | undefined;
  let truth = new Map<string, HistoricalGame>();
  let dir = '';

  before(async () => {
    if (!data.dir) return;
    truth = new Map(loadDataDir(data.dir).filter((g) => g.gameDate === NIGHT).map((g) => [g.gameId, g]));
    dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-kill18-'));
    night = await ReplayedNight.start(data.dir, NIGHT, SPEED);
  });

  after(async () => {
    await night?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backfills the missed minutes and forecasts that game once, from the exact d1..d18, then grades it', { timeout: 150_000, skip: data.reason }, async (t) => {
    const replayed = night as ReplayedNight;
    const db = path.join(dir, 'courtside.db');
    const first = replayed.serve(db, 0);
    t.after(() => first.kill());
    const port = Number((await first.waitFor(SERVE_READY, 120_000))[1]);
    const url = `ws://127.0.0.1:${port}/`;
    await replayed.ready;

    const a1 = new Collector(url);
    await a1.opened;
    const view = new NightView(1);
    await a1.until((ms) => view.update(ms).gameBeforeEighteen(15) !== undefined, 120_000);
    const game = view.gameBeforeEighteen(15) as string;
    const minutesAtKill = view.minutes.get(game) ?? 0;
    const killedAt = Date.now();
    await first.kill('SIGKILL');
    await a1.closed;
    const greeting = a1.messages[0];
    if (greeting?.type !== 'snapshot') assert.fail(`A was greeted with ${greeting?.type}`);
    const lastSeq = lastSeqSeen(a1.messages);

    // Down while the game crosses 18:00.
    while ((await replayed.elapsed(game)) <= 18 * 60) await delay(50);
    const second = replayed.serve(db, port);
    t.after(() => second.kill());
    await second.waitFor(SERVE_READY, 120_000);
    const downMs = Date.now() - killedAt;
    const a2 = await resumeStream(replayed, url, greeting.epoch, lastSeq, 'query');
    await a2.until((ms) => ms.some((m) => m.type === 'halftime_result' && m.game_id === game), 120_000);
    const r = await resumeStream(replayed, url, greeting.epoch, 0, 'query');
    assert.equal((await second.kill('SIGTERM')).code, 0, second.stderr);
    assert.deepEqual(await Promise.all([a2.closed, r.closed]), [1001, 1001]);

    const log = broadcastFrames(r.messages);
    assertContiguous(log, 1, log.length, 'R (the whole log)');
    assertContiguous(broadcastFrames(a1.messages), greeting.seq + 1, lastSeq, 'A before the kill');
    assertContiguous(broadcastFrames(a2.messages), lastSeq + 1, log.length, 'A after resuming');
    for (const m of [...broadcastFrames(a1.messages), ...broadcastFrames(a2.messages)]) assert.deepEqual(m, log[m.seq - 1], `A's seq ${m.seq} as logged`);

    const minutes = log.flatMap((m) => (m.type === 'pattern_progress' && m.game_id === game && m.seq > lastSeq ? [m.minutes_collected] : []));
    const firstBack = minutes[0] ?? 0;
    t.diagnostic(`${game} killed at minute ${minutesAtKill}, down ${downMs} ms, back at minute ${firstBack}`);
    assert.ok(firstBack >= 18, `${game} crossed 18:00 while the service was down (back at minute ${firstBack})`);
    assert.ok(firstBack < 24, `the service was down ${downMs} ms and came back after ${game}'s halftime (minute ${firstBack}): too slow a restart to check a forecast after one`);

    const forecasts = log.filter((m): m is MlPrediction => m.type === 'ml_prediction' && m.game_id === game);
    assert.equal(forecasts.length, 1, `${game}: one forecast`);
    const forecast = forecasts[0] as MlPrediction;
    assert.ok(forecast.seq > lastSeq, 'made after the restart');
    const d = truth.get(game)?.d ?? [];
    assert.deepEqual(forecast.pattern, d.slice(0, 18), 'from the exact d1..d18');
    assert.equal(forecast.approximate, false);
    assert.ok(forecast.period > 2 || (forecast.period === 2 && parseClock(forecast.clock) < 360), `made past 18:00 (Q${forecast.period} ${forecast.clock})`);
    const grades = log.filter((m): m is HalftimeResult => m.type === 'halftime_result' && m.game_id === game);
    assert.equal(grades.length, 1, `${game}: one grade`);
    assert.equal(grades[0]?.actual, minuteDiff(d, HALFTIME_MINUTE), 'd24');
    assert.deepEqual(grades[0]?.forecast, forecast.prediction, 'the grade is of that forecast');
    // The minutes missed while down arrive at once from play-by-play, exact.
    const backfill = log.find((m) => m.type === 'pattern_progress' && m.game_id === game && m.seq > lastSeq);
    assert.ok(backfill?.type === 'pattern_progress');
    assert.deepEqual(backfill.pattern, d.slice(0, backfill.minutes_collected), 'backfilled minutes equal minute_diffs.csv');
    assert.equal(backfill.approximate, false);

    // No game got two forecasts or two grades across the restart.
    for (const id of truth.keys()) {
      assert.ok(log.filter((m) => m.type === 'ml_prediction' && m.game_id === id).length <= 1, `${id}: at most one forecast`);
      assert.ok(log.filter((m) => m.type === 'halftime_result' && m.game_id === id).length <= 1, `${id}: at most one grade`);
    }
  });
});

/**
 * Issue 5, acceptance 1: kill -9 the service in the middle of a replayed night and start it again
 * on the same database, while the replay (its own process, like the NBA) keeps the night going.
 *
 * One `courtside replay` serves the night; four `courtside serve` processes poll it at once, each
 * with its own database and its own client A, each killed at a different moment: a seeded random
 * share of the night's game minutes, a game between 6:00 and 18:00 without its forecast yet,
 * right after the first forecast, right after the first halftime grade.
 * After the restart A resumes with its last seq; at the end a reference client R reads the whole
 * log from seq 0. Then: the patterns equal `minute_diffs.csv`; no game has two forecasts or two
 * grades, and every game the service saw between 18:00 and halftime has exactly one forecast
 * (from the exact d1..d18); A got every message it missed exactly once, in order, as logged.
 *
 * The seed is printed; `COURTSIDE_KILL_SEED=<n>` repeats a run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { HALFTIME_MINUTE, minuteDiff } from '../../src/domain/minutes.ts';
import { loadDataDir } from '../../src/data/dataset-files.ts';
import type { HistoricalGame } from '../../src/domain/historical-game.ts';
import { seededRandom } from '../../src/model/random.ts';
import type { GameSnapshot, HalftimeResult, MlPrediction } from '../../src/protocol/messages.ts';
import { openStore } from '../../src/store/sqlite-store.ts';
import { findDataDir } from '../support/data.ts';
import { NightView } from '../support/night-view.ts';
import { ReplayedNight, resumeStream, SERVE_READY, type ResumeBy } from '../support/replayed-night.ts';
import { assertContiguous, broadcastFrames, lastSeqSeen } from '../support/stream-checks.ts';
import { Collector } from '../support/ws-collector.ts';

/** Eight games tipping at 7:00 (five), 7:30, 8:00 and 8:30 pm: about 28 s at speed 500. */
const NIGHT = '2017-10-20';
const SPEED = 500;
const T = { timeout: 150_000 };

const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');
const SEED = Number(process.env.COURTSIDE_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILL_SHARE = 0.2 + 0.6 * seededRandom(SEED)();

interface Scenario {
  readonly name: string;
  /** Decides, on each message client A receives, that this is the moment to kill. */
  readonly killWhen: (view: NightView) => boolean;
  /** How A resumes after the restart (see `resumeStream`). */
  readonly resumeBy: ResumeBy;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'at a seeded random 20-80% of the night\'s game minutes', killWhen: (v) => v.progress >= KILL_SHARE, resumeBy: 'message' },
  { name: 'with a game between 6:00 and 18:00, no forecast yet', killWhen: (v) => v.gameBeforeEighteen(6) !== undefined, resumeBy: 'query' },
  { name: 'right after the first forecast (a game between 18:00 and halftime)', killWhen: (v) => v.forecasts.size > 0, resumeBy: 'message' },
  { name: 'right after the first halftime grade', killWhen: (v) => v.halftimes.size > 0, resumeBy: 'query' },
];

let night: ReplayedNight | undefined;
let truth: HistoricalGame[] = [];

async function games(port: number): Promise<GameSnapshot[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/games`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { games: GameSnapshot[] }).games;
}

/** Every game of the night final, with all its minutes and its halftime grade. */
async function untilNightOver(port: number, timeoutMs = 90_000): Promise<GameSnapshot[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await games(port);
    const over = truth.every((g) => {
      const s = now.find((x) => x.game_id === g.gameId);
      return s?.data.status === 'Final' && s.pattern.length >= 48 + 5 * g.otPeriods && s.halftime !== null;
    });
    if (over) return now;
    if (Date.now() > deadline) assert.fail(`the night did not end within ${timeoutMs} ms: ${now.map((g) => `${g.game_id} ${g.data.status} ${g.pattern.length}`).join(', ')}`);
    await delay(250);
  }
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'courtside-kill-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function killAndRestart(t: TestContext, scenario: Scenario): Promise<void> {
  const db = path.join(tempDir(t), 'courtside.db');
  const replayed = night as ReplayedNight;
  const first = replayed.serve(db, 0);
  t.after(() => first.kill());
  const port = Number((await first.waitFor(SERVE_READY, 120_000))[1]);
  await replayed.ready;
  const url = `ws://127.0.0.1:${port}/`;

  // Run 1: A follows the night until the moment comes, then the service dies without warning.
  const a1 = new Collector(url);
  await a1.opened;
  const view = new NightView(truth.reduce((n, g) => n + 48 + 5 * g.otPeriods, 0));
  await a1.until((ms) => scenario.killWhen(view.update(ms)), 90_000);
  const killedWith = view.describe();
  const killedAt = Date.now();
  assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
  await a1.closed;
  const greeting = a1.messages[0];
  if (greeting?.type !== 'snapshot') assert.fail(`A was greeted with ${greeting?.type}, not a snapshot`);
  const epoch = greeting.epoch;
  const lastSeq = lastSeqSeen(a1.messages);
  t.diagnostic(`killed at seq ${lastSeq}, ${killedWith}`);

  // Run 2: same database, same port; A comes back with its last seq.
  const second = replayed.serve(db, port);
  t.after(() => second.kill());
  await second.waitFor(SERVE_READY, 120_000);
  const downMs = Date.now() - killedAt;
  t.diagnostic(`down for ${downMs} ms (${((downMs * SPEED) / 60_000).toFixed(0)} minutes of the night)`);
  const a2 = await resumeStream(replayed, url, epoch, lastSeq, scenario.resumeBy);
  const final = await untilNightOver(port);

  // R reads the whole log of both runs.
  const r = await resumeStream(replayed, url, epoch, 0, 'query');
  // A graceful stop: both clients get everything sent, then 1001.
  assert.equal((await second.kill('SIGTERM')).code, 0, second.stderr);
  assert.deepEqual(await Promise.all([a2.closed, r.closed]), [1001, 1001]);

  for (const c of [a1, a2, r]) assert.deepEqual(c.invalid, [], 'every message valid against the protocol');
  for (const c of [a2, r]) assert.ok(!c.messages.some((m) => m.type === 'snapshot' && m.resumed === false), 'the resume was answered with a replay, not a fresh snapshot');
  for (const c of [a2, r]) assert.equal(c.ofType('error').length, 0, JSON.stringify(c.ofType('error')));

  // The log is whole across the kill: one epoch, seqs 1..N.
  const log = broadcastFrames(r.messages);
  const n = log.length;
  assertContiguous(log, 1, n, 'R (the whole log)');
  assert.ok(n > lastSeq, 'the night went on after the restart');
  for (const c of [a2, r]) for (const s of c.ofType('snapshot')) assert.equal(s.epoch, epoch, 'the epoch survived the restart');

  // A: what it had, then exactly what it missed, in order, each message as logged.
  const before = broadcastFrames(a1.messages);
  const missed = broadcastFrames(a2.messages);
  assertContiguous(before, greeting.seq + 1, lastSeq, 'A before the kill');
  assertContiguous(missed, lastSeq + 1, n, 'A after resuming');
  for (const m of [...before, ...missed]) assert.deepEqual(m, log[m.seq - 1], `A's seq ${m.seq} as logged`);

  // Never two forecasts or grades for a game, across both runs, and exactly one forecast for every
  // game the service followed before its halftime: when 18:00 and halftime both passed while the
  // service was down, that forecast comes after the restart, from d1..d18, flagged `late`. Only a
  // game first seen after its halftime has none. A saw the same (its greeting holds what was made
  // before it connected).
  const truthById = new Map(truth.map((g) => [g.gameId, g]));
  const seenByA = [...before, ...missed];
  const unforecast: string[] = [];
  for (const g of truth) {
    const id = g.gameId;
    const minutes = log.flatMap((m) => (m.type === 'pattern_progress' && m.game_id === id ? [m.minutes_collected] : []));
    const forecasts = log.filter((m): m is MlPrediction => m.type === 'ml_prediction' && m.game_id === id);
    const grades = log.filter((m): m is HalftimeResult => m.type === 'halftime_result' && m.game_id === id);
    assert.ok(forecasts.length <= 1, `${id}: ${forecasts.length} forecasts`);
    const followedEarly = log.some((m) => 'game_id' in m && m.game_id === id && ((m.type === 'pattern_progress' && m.minutes_collected < 24) || (m.type === 'score_update' && (m.data.status === 'Scheduled' || (m.data.status === 'In Progress' && m.data.period <= 2)))));
    if (followedEarly) assert.equal(forecasts.length, 1, `${id}: followed before halftime, so forecast exactly once`);
    if (forecasts[0]?.late) assert.ok(!minutes.some((m) => m >= 18 && m < 24), `${id}: late only when 18:00..halftime was missed`);
    assert.equal(grades.length, 1, `${id}: one halftime_result`);
    const inGreeting: number = greeting.games.some((s) => s.game_id === id && s.prediction !== null) ? 1 : 0;
    assert.equal(inGreeting + seenByA.filter((m) => m.type === 'ml_prediction' && m.game_id === id).length, forecasts.length, `${id}: A saw the forecasts of the log`);
    const forecast = forecasts[0];
    assert.deepEqual(grades[0]?.forecast, forecast?.prediction ?? null, `${id}: the grade is of that forecast`);
    if (!forecast) unforecast.push(`${id} (minutes logged ${minutes[0] ?? '-'}..${minutes.at(-1) ?? '-'}, ${minutes.length} steps)`);
  }
  if (unforecast.length > 0) t.diagnostic(`first seen after halftime, no forecast: ${unforecast.join(', ')}`);
  for (const p of log) {
    if (p.type === 'ml_prediction') {
      assert.deepEqual(p.pattern, truthById.get(p.game_id)?.d.slice(0, 18), `${p.game_id}: forecast from the exact d1..d18`);
      assert.equal(p.approximate, false);
    }
    if (p.type === 'halftime_result') assert.equal(p.actual, minuteDiff(truthById.get(p.game_id)?.d ?? [], HALFTIME_MINUTE), `${p.game_id}: d24`);
  }

  // The final patterns, as the HTTP API shows them.
  assert.deepEqual(final.map((g) => g.game_id).sort(), truth.map((g) => g.gameId).sort());
  for (const g of final) {
    assert.deepEqual(g.pattern.slice(0, 48), truthById.get(g.game_id)?.d, `${g.game_id}: d1..d48`);
    assert.equal(g.approximate, false, `${g.game_id}: exact`);
  }

  // And the database agrees: the forecasts and grades of the log and no others, each stored with
  // the seq it went out with.
  const store = openStore(db);
  try {
    const stored = store.loadGames();
    assert.deepEqual(stored.map((g) => g.game.gameId).sort(), truth.map((g) => g.gameId).sort());
    for (const g of stored) {
      const id = g.game.gameId;
      const seqsOf = (type: string) => log.filter((m) => 'game_id' in m && m.type === type && m.game_id === id).map((m) => m.seq);
      assert.deepEqual(g.forecasts.map((f) => f.seq), seqsOf('ml_prediction'), `${id}: stored forecasts`);
      assert.deepEqual([g.halftime?.seq], seqsOf('halftime_result'), `${id}: stored grade`);
    }
  } finally {
    store.close();
  }
  t.diagnostic(`${n} messages; A resumed from ${lastSeq} by ${scenario.resumeBy} and got ${missed.length}`);
}

describe(`kill -9 during a replayed night (${NIGHT}, speed ${SPEED}), restart on the same database`, { concurrency: SCENARIOS.length }, () => {
  before(async () => {
    if (!data.dir) return;
    truth = loadDataDir(data.dir).filter((g) => g.gameDate === NIGHT);
    night = await ReplayedNight.start(data.dir, NIGHT, SPEED);
  });

  after(() => night?.close());

  for (const scenario of SCENARIOS) {
    it(`killed ${scenario.name}`, { ...T, skip: data.reason }, (t) => {
      if (scenario === SCENARIOS[0]) t.diagnostic(`seed ${SEED} (COURTSIDE_KILL_SEED): kill at ${(KILL_SHARE * 100).toFixed(1)}% of the night`);
      return killAndRestart(t, scenario);
    });
  }
});

/**
 * A replayed night whose store stops taking writes for a while (a full disk, a read-only database)
 * and then takes them again, run through the real service: a client collects the whole stream
 * (resuming from 0 at connect), `/health` is read every second of the outage, `/metrics` once. And
 * what every such night must show: the stream went on, the service said why it was degraded while
 * it lasted, and every game got exactly one forecast and one halftime result, stored with its seq.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { HALFTIME_MINUTE, minuteDiff } from '../../src/domain/minutes.ts';
import { loadConfig } from '../../src/config.ts';
import { startService, type RunningService, type ServiceStore } from '../../src/main.ts';
import { loadDataDir } from '../../src/data/dataset-files.ts';
import type { HistoricalGame } from '../../src/domain/historical-game.ts';
import { seriesValue } from '../../src/observability/testing/series.ts';
import type { HalftimeResult, MlPrediction } from '../../src/protocol/messages.ts';
import { loadNight, type Night } from '../../src/replay/night.ts';
import { openStore } from '../../src/store/sqlite-store.ts';
import { CapturingLogger } from './capturing-logger.ts';
import { Collector } from './ws-collector.ts';
import { BASELINE_MODEL } from '../../src/config/model.ts';

const NO_MODEL_DIR = BASELINE_MODEL;

/** How the store fails and recovers; `openStore` when the failure needs a store of its own. */
export interface StoreFault {
  readonly db: string;
  readonly openStore?: (file: string) => ServiceStore;
  fail(): void;
  heal(): void;
}

export interface OutageOptions {
  readonly dataDir: string;
  readonly date: string;
  readonly speed: number;
  /** Night minutes after the replay opens. */
  readonly fromMinute: number;
  /** Wall clock. */
  readonly outageMs: number;
  readonly fault: StoreFault;
}

export interface Moment {
  readonly wall: number;
  /** The replay's simulated clock (epoch ms), as the last feed request showed it. */
  readonly sim: number;
  readonly seq: number;
}

export interface HealthSample {
  readonly at: number;
  readonly status: number;
  /** `store` is absent from a service that knows nothing of its store's health. */
  readonly body: { status: string; store?: { status: string; degraded_since: string | null; cause: { code: string; message: string } | null } };
}

export interface OutageRun {
  readonly service: RunningService;
  readonly client: Collector;
  readonly truth: readonly HistoricalGame[];
  readonly night: Night;
  readonly firstEpoch: string;
  readonly from: Moment;
  readonly to: Moment;
  /** `/health` each second of the outage. */
  readonly samples: readonly HealthSample[];
  /** A `/metrics` scrape ten seconds (or halfway) into the outage. */
  readonly metricsDuring: string;
  /** `/health` once the store caught up and every game was graded; undefined if that never came. */
  readonly healthAfter: HealthSample | undefined;
  close(): Promise<void>;
}

export async function runStoreOutage(o: OutageOptions): Promise<OutageRun> {
  const truth = loadDataDir(o.dataDir).filter((g) => g.gameDate === o.date);
  const night = loadNight(o.dataDir, o.date);
  let sim = 0;
  const config = loadConfig({ port: 0, host: '127.0.0.1', dataDir: o.dataDir, date: o.date, speed: o.speed, db: o.fault.db, dashboard: false, logLevel: 'silent', modelDir: NO_MODEL_DIR }, {});
  const service = await startService(config, {
    logger: new CapturingLogger(),
    dashboard: false,
    replayOptions: { faults: (request) => void (sim = request.now) },
    ...(o.fault.openStore ? { openStore: o.fault.openStore } : {}),
  });
  const started = Date.now();
  const firstEpoch = service.broadcaster.epoch;
  const moment = (): Moment => ({ wall: Date.now(), sim, seq: service.broadcaster.seq });
  const client = new Collector(`${service.wsUrl}?epoch=${encodeURIComponent(firstEpoch)}&last_seq=0`);
  const close = async (): Promise<void> => {
    client.close();
    await service.close();
  };
  try {
    await client.opened;
    await delay(Math.max(0, started + (o.fromMinute * 60_000) / o.speed - Date.now()));
    o.fault.fail();
    const from = moment();
    const samples: HealthSample[] = [];
    let metricsDuring = '';
    while (Date.now() < from.wall + o.outageMs) {
      await delay(1000);
      samples.push(await health(service));
      if (metricsDuring === '' && Date.now() > from.wall + Math.min(10_000, o.outageMs / 2)) metricsDuring = await (await fetch(new URL('/metrics', service.url))).text();
    }
    o.fault.heal();
    const to = moment();
    const healthAfter = await untilCaughtUp(service, client, truth);
    await client.readThrough(service.broadcaster.seq, 10_000);
    return { service, client, truth, night, firstEpoch, from, to, samples, metricsDuring, healthAfter, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The store back to ok and every game graded, within 90 s. */
async function untilCaughtUp(service: RunningService, client: Collector, truth: readonly HistoricalGame[]): Promise<HealthSample | undefined> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const sample = await health(service);
    const graded = new Set(client.ofType('halftime_result').map((m) => m.game_id));
    if (sample.body.store?.status === 'ok' && truth.every((g) => graded.has(g.gameId))) return sample;
    await delay(500);
  }
  return undefined;
}

async function health(service: RunningService): Promise<HealthSample> {
  const res = await fetch(new URL('/health', service.url));
  return { at: Date.now(), status: res.status, body: (await res.json()) as HealthSample['body'] };
}

/** Games whose 18:00 and whose halftime came while the store failed (by the replay's clock). */
export function spannedByOutage(run: OutageRun): { eighteens: number; halftimes: number; minutes: string } {
  const { from, to, night } = run;
  const during = (instant: number | undefined) => instant !== undefined && instant >= from.sim && instant < to.sim;
  const at = (g: Night['games'][number], seconds: number) => g.actions.find((a) => a.elapsed >= seconds)?.publishAt;
  const minute = (instant: number) => ((instant - night.opensAt) / 60_000).toFixed(0);
  return {
    eighteens: night.games.filter((g) => during(at(g, 18 * 60))).length,
    halftimes: night.games.filter((g) => during(at(g, 24 * 60 + 1))).length,
    minutes: `${minute(from.sim)}..${minute(to.sim)}`,
  };
}

/** Messages for most games went out during the outage, after a snapshot announcing a new epoch. */
export function assertStreamedOn(run: OutageRun): void {
  const { client, from, to } = run;
  const during = client.messages.filter((m) => m.type !== 'snapshot' && m.seq > from.seq && m.seq <= to.seq);
  const games = new Set(during.map((m) => ('game_id' in m ? m.game_id : '')));
  assert.ok(during.some((m) => m.type === 'pattern_progress') && games.size >= run.truth.length / 2, `${during.length} messages for ${games.size} games during the outage`);
  // The client resumed from 0 at connect, so its first snapshot is the one announcing the new epoch.
  const [moved] = client.ofType('snapshot');
  assert.ok(moved && moved.epoch !== run.firstEpoch, `a snapshot of a new epoch (${moved?.epoch}, was ${run.firstEpoch})`);
  assert.ok(moved.seq >= from.seq && moved.seq <= to.seq, `announced during the outage, at seq ${moved.seq}`);
  assert.ok(client.messages.slice(client.messages.indexOf(moved) + 1).every((m) => m.seq > moved.seq), 'nothing older sent after it');
  assert.deepEqual(client.invalid, []);
}

/** Every sample from two seconds in: 503, degraded, with this cause and one unchanging `since`; ok once caught up. */
export function assertDegradedWhileItLasted(run: OutageRun, code: string, message: RegExp): void {
  const settled = run.samples.filter((s) => s.at > run.from.wall + 2000);
  const gaps = settled.map((s, i) => s.at - (settled[i - 1]?.at ?? run.from.wall));
  assert.ok(settled.length > 0 && Math.max(...gaps) < 5000 && run.to.wall - (settled.at(-1)?.at ?? 0) < 5000, `sampled throughout: ${settled.length} samples, gaps up to ${Math.max(...gaps)} ms`);
  const since = settled[0]?.body.store?.degraded_since;
  for (const s of settled) {
    assert.equal(s.status, 503, `/health at +${s.at - run.from.wall} ms: ${JSON.stringify(s.body)}`);
    assert.deepEqual([s.body.status, s.body.store?.status, s.body.store?.cause?.code], ['degraded', 'degraded', code]);
    assert.match(s.body.store?.cause?.message ?? '', message);
    assert.equal(s.body.store?.degraded_since, since, 'since the outage began');
  }
  assert.ok(since && Date.parse(since) >= run.from.wall - 1000 && Date.parse(since) <= run.from.wall + 2000, `degraded since ${since}`);
  assert.equal(seriesValue(run.metricsDuring, `courtside_store_degraded{cause="${code}"}`), '1');
  assert.ok(Number(seriesValue(run.metricsDuring, `courtside_store_write_failures_total{code="${code}"}`)) > 0);
  assert.ok(run.healthAfter, 'the store caught up and every game was graded');
  assert.equal(run.healthAfter.status, 200, JSON.stringify(run.healthAfter.body));
  assert.equal(run.healthAfter.body.store?.cause, null);
}

/** One forecast from the exact d1..d18 and one grade on the exact d24 per game; some owed ones sent after the outage. */
export function assertOncePerGame(run: OutageRun): void {
  const forecasts = run.client.ofType('ml_prediction');
  const grades = run.client.ofType('halftime_result');
  for (const g of run.truth) {
    const mine = forecasts.filter((m) => m.game_id === g.gameId);
    const graded = grades.filter((m) => m.game_id === g.gameId);
    assert.equal(mine.length, 1, `${g.gameId}: ${mine.length} forecasts`);
    assert.equal(graded.length, 1, `${g.gameId}: ${graded.length} halftime results`);
    const [f, h] = [mine[0] as MlPrediction, graded[0] as HalftimeResult];
    assert.deepEqual([f.pattern, f.approximate], [g.d.slice(0, 18), false], `${g.gameId}: forecast from the exact d1..d18`);
    assert.deepEqual([h.actual, h.approximate, h.forecast], [minuteDiff(g.d, HALFTIME_MINUTE), false, f.prediction], `${g.gameId}: graded on d24 against its forecast`);
  }
  const owed = [...forecasts, ...grades].filter((m) => m.seq > run.to.seq);
  assert.ok(owed.length >= 3, `${owed.length} forecasts and grades made during the outage went out after it`);
}

/** The database, reopened: each forecast and grade with the seq it went out with, the minutes, the log in the new epoch. */
export function assertStored(run: OutageRun, db: string): void {
  const store = openStore(db, { checkpoint: 'inline' });
  try {
    const stored = new Map(store.loadGames().map((g) => [g.game.gameId, g]));
    const seqOf = (type: string, gameId: string) => run.client.messages.find((m) => m.type === type && 'game_id' in m && m.game_id === gameId)?.seq;
    for (const g of run.truth) {
      const s = stored.get(g.gameId);
      assert.deepEqual(s?.forecasts.map((f) => f.seq), [seqOf('ml_prediction', g.gameId)], `${g.gameId}: stored forecast`);
      assert.equal(s?.halftime?.seq, seqOf('halftime_result', g.gameId), `${g.gameId}: stored grade`);
      assert.deepEqual(s?.pattern.slice(0, 24), g.d.slice(0, 24), `${g.gameId}: minutes written after the outage`);
    }
    assert.equal(store.messageLogHead()?.epoch, run.client.ofType('snapshot').at(-1)?.epoch);
  } finally {
    store.close();
  }
}

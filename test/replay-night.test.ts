/**
 * Acceptance of the live pipeline, end to end: a real 2017-18 night replayed through the fake CDN
 * over real HTTP, the service polling it exactly as it polls the NBA, and a real WebSocket client
 * collecting what a user would see. Speed 1000 plays the night in about 20 s; 2000 works too, but
 * leaves a loaded CI machine little room to poll inside the 0.4 s between 18:00 and halftime.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HALFTIME_MINUTE, minuteDiff } from '../src/domain/minutes.ts';
import { loadConfig } from '../src/config.ts';
import { parseClock } from '../src/game/clock.ts';
import { startService, type RunningService } from '../src/main.ts';
import { loadDataDir } from '../src/data/dataset-files.ts';
import type { HistoricalGame } from '../src/domain/historical-game.ts';
import { seriesValue } from '../src/observability/testing/series.ts';
import type { ForecastUpdate } from '../src/protocol/messages.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { findDataDir } from './support/data.ts';
import { Collector } from './support/ws-collector.ts';

describe('a replayed night, end to end', () => {
  let service: RunningService | undefined;
  let client: Collector | undefined;
  let truth: Map<string, HistoricalGame>;

  const data = findDataDir('minute_diffs.csv', 'pbp_2017-18.csv');

  before(async () => {
    const dataDir = data.dir;
    if (!dataDir) return;
    truth = new Map(loadDataDir(dataDir).map((g) => [g.gameId, g]));
    const config = loadConfig({ port: 0, host: '127.0.0.1', dataDir, speed: 1000, exitWhenDone: true, logLevel: 'silent' }, {});
    service = await startService(config, { logger: silentLogger, dashboard: false });
    client = new Collector(service.wsUrl);
    await client.opened;
    await service.done;
    await client.readThrough(service.broadcaster.seq, 10_000);
  });

  after(async () => {
    client?.close();
    await service?.close();
  });

  it('streams every kind of message, each valid against the protocol', (t) => {
    if (!client) return t.skip(data.reason);
    assert.deepEqual(client.invalid, []);
    assert.equal(client.messages[0]?.type, 'snapshot');
    for (const type of ['score_update', 'pattern_progress', 'ml_prediction', 'halftime_result'] as const) {
      assert.ok(client.ofType(type).length > 0, `no ${type}`);
    }
    const seqs = client.messages.slice(1).map((m) => m.seq);
    assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!), 'seq increases');
  });

  it('forecasts every game exactly once, from d1..d18 of the dataset, after 18:00 and never before', (t) => {
    if (!client || !service) return t.skip(data.reason);
    const games = [...service.pipeline.games.keys()];
    assert.ok(games.length >= 10, `a busy night (got ${games.length} games)`);
    const predictions = client.ofType('ml_prediction');
    assert.deepEqual(predictions.map((p) => p.game_id).sort(), [...games].sort(), 'one forecast per game');
    for (const p of predictions) {
      const game = truth.get(p.game_id);
      assert.ok(game, `${p.game_id} is in minute_diffs.csv`);
      assert.deepEqual(p.pattern, game.d.slice(0, 18), `${p.game_id} pattern`);
      assert.equal(p.approximate, false);
      const pastEighteen = p.period > 2 || (p.period === 2 && parseClock(p.clock) < 360);
      assert.ok(pastEighteen, `${p.game_id} forecast at Q${p.period} ${p.clock}`);
      // The stream had already shown the 18th minute complete for this game.
      const index = client.messages.indexOf(p);
      const before = client.messages.slice(0, index).filter((m) => m.type === 'pattern_progress' && m.game_id === p.game_id);
      assert.ok(before.some((m) => m.type === 'pattern_progress' && m.minutes_collected >= 18), `${p.game_id} minute 18 done first`);
      assert.ok(p.prediction.interval_lower <= p.prediction.point_forecast && p.prediction.point_forecast <= p.prediction.interval_upper);
    }
  });

  it('grades every forecast against the real halftime differential, and ends with exact full patterns', (t) => {
    if (!client || !service) return t.skip(data.reason);
    const results = client.ofType('halftime_result');
    assert.equal(results.length, service.pipeline.games.size);
    for (const r of results) {
      const game = truth.get(r.game_id)!;
      assert.equal(r.actual, minuteDiff(game.d, HALFTIME_MINUTE), `${r.game_id} d24`);
      assert.ok(r.forecast, `${r.game_id} graded a forecast`);
      assert.equal(r.covered, r.actual >= r.forecast.interval_lower && r.actual <= r.forecast.interval_upper);
    }
    for (const [id, record] of service.pipeline.games) {
      const game = truth.get(id)!;
      assert.deepEqual(record.tracker.pattern.slice(0, 48), game.d, `${id} d1..d48`);
      assert.equal(record.tracker.approximate, false);
      assert.equal(record.tracker.score.status, 'Final');
    }
  });

  it('forecasts every game at the end of every minute from its real margin, the ball known; snapshot and /api carry it', async (t) => {
    if (!client || !service) return t.skip(data.reason);
    for (const id of service.pipeline.games.keys()) {
      const game = truth.get(id)!;
      const updates: ForecastUpdate[] = client.ofType('forecast_update').filter((u) => u.game_id === id);
      const played: readonly number[] = service.pipeline.games.get(id)!.tracker.pattern;
      // Minutes 1..47, plus 48 and each overtime minute when regulation ended tied, until an overtime ended untied.
      const expected = played.flatMap((d, i) => (i + 1 < 48 || (i + 1 - 48) % 5 !== 0 || d === 0 ? [i + 1] : []));
      assert.deepEqual(updates.map((u) => u.minute), expected, `${id} one forecast a minute`);
      assert.deepEqual(updates.slice(0, 48).map((u) => u.margin), game.d.slice(0, updates.length), `${id} margins`);
      const known = updates.filter((u) => u.possession !== null).length;
      assert.ok(known >= updates.length - 6, `${id}: possession known at ${known} of ${updates.length} minutes`);
      assert.ok(updates.every((u) => (u.minute < 24) === (u.halftime_margin !== null)), `${id} halftime margin until halftime`);
      const api = (await (await fetch(new URL(`/api/games/${id}`, service.url))).json()) as { minute_forecast: { minute: number }; forecast_history: Array<{ minute: number; made_at: string }> };
      assert.deepEqual(api.forecast_history.map((f) => f.minute), expected);
      assert.deepEqual(api.forecast_history.map((f) => f.made_at), updates.map((u) => u.timestamp));
      assert.equal(api.minute_forecast.minute, expected.at(-1));
    }
  });

  it('tells an operator on /metrics how the night went', async (t) => {
    if (!client || !service) return t.skip(data.reason);
    const text = await (await fetch(new URL('/metrics', service.url))).text();
    const value = (series: string): number => {
      const written = seriesValue(text, series);
      assert.ok(written !== undefined, `${series} is exposed`);
      return Number(written);
    };
    const stats = service.broadcaster.stats();
    assert.equal(value('courtside_messages_sent_total'), stats.sent);
    for (const quiet of ['slow_clients', 'slow_disconnects_total', 'rejected_connections_total', 'client_errors_total', 'dead_peers_terminated_total']) {
      assert.equal(value(`courtside_ws_${quiet}`), 0, `courtside_ws_${quiet} with one client that reads everything`);
    }
    // Each game's first body is read whole, the rest against the body before; most actions are reused.
    const games = service.pipeline.games.size;
    assert.ok(value('courtside_playbyplay_bodies_total{read="whole"}') >= games);
    assert.ok(value('courtside_playbyplay_bodies_total{read="incremental"}') > value('courtside_playbyplay_bodies_total{read="whole"}'));
    assert.ok(value('courtside_playbyplay_actions_total{source="reused"}') > value('courtside_playbyplay_actions_total{source="parsed"}'));
    assert.ok(value('courtside_playbyplay_actions_total{source="parsed"}') > 0);
    // The replay's store is a file, so a background checkpointer keeps its WAL short (NaN would mean none).
    assert.equal(value('courtside_store_checkpointer_running'), 1);
    assert.ok(Number.isFinite(value('courtside_store_checkpoints_total')), 'a checkpoint count, not NaN');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesValue } from './testing/series.ts';
import { Metrics, type BroadcastCounters, type CheckpointCounters, type MetricSources, type PlayByPlayCounters } from './metrics.ts';

const quietBroadcast: BroadcastCounters = { sent: 0, slowClients: 0, droppedScoreUpdates: 0, rejectedConnections: 0, clientErrors: 0, slowDisconnects: 0, deadPeersTerminated: 0, closes: {}, refusals: {}, rateLimited: {} };

function sources(overrides: Partial<MetricSources> = {}): MetricSources {
  return { clients: () => 0, games: () => 0, broadcast: () => quietBroadcast, ...overrides };
}

describe('Metrics', () => {
  it("exposes the broadcaster's counters as they are at each scrape", async () => {
    let counts: BroadcastCounters = {
      sent: 120, slowClients: 1, droppedScoreUpdates: 7, rejectedConnections: 2, clientErrors: 3, slowDisconnects: 4, deadPeersTerminated: 5,
      closes: { slow_consumer: 4, output_budget: 1, rate_limited: 2, dead_peer: 5 },
      refusals: { server_full: 2, address_full: 0 },
      rateLimited: { messages: 0, subscribes: 2, resumes: 0 },
    };
    const metrics = new Metrics(sources({ broadcast: () => counts, clients: () => 9 }));
    let text = await metrics.registry.metrics();
    assert.equal(seriesValue(text, 'courtside_messages_sent_total'), '120');
    assert.equal(seriesValue(text, 'courtside_ws_clients'), '9');
    assert.equal(seriesValue(text, 'courtside_ws_slow_clients'), '1');
    assert.equal(seriesValue(text, 'courtside_ws_dropped_score_updates_total'), '7');
    assert.equal(seriesValue(text, 'courtside_ws_rejected_connections_total'), '2');
    assert.equal(seriesValue(text, 'courtside_ws_client_errors_total'), '3');
    assert.equal(seriesValue(text, 'courtside_ws_slow_disconnects_total'), '4');
    assert.equal(seriesValue(text, 'courtside_ws_dead_peers_terminated_total'), '5');
    assert.equal(seriesValue(text, 'courtside_ws_closes_total{cause="output_budget"}'), '1');
    assert.equal(seriesValue(text, 'courtside_ws_closes_total{cause="rate_limited"}'), '2');
    assert.equal(seriesValue(text, 'courtside_ws_refused_connections_total{cause="server_full"}'), '2');
    assert.equal(seriesValue(text, 'courtside_ws_refused_connections_total{cause="address_full"}'), '0');
    assert.equal(seriesValue(text, 'courtside_ws_rate_limited_total{limit="subscribes"}'), '2');

    counts = { ...counts, sent: 150, slowClients: 0, slowDisconnects: 5 };
    text = await metrics.registry.metrics();
    assert.equal(seriesValue(text, 'courtside_messages_sent_total'), '150');
    assert.equal(seriesValue(text, 'courtside_ws_slow_clients'), '0');
    assert.equal(seriesValue(text, 'courtside_ws_slow_disconnects_total'), '5');
  });

  it("exposes the background checkpointer's counters, and NaN while there is none", async () => {
    let checkpoints: CheckpointCounters | undefined = { checkpoints: 3, walFrames: 40, copiedFrames: 38, running: true };
    const metrics = new Metrics(sources({ checkpoints: () => checkpoints }));
    let text = await metrics.registry.metrics();
    assert.equal(seriesValue(text, 'courtside_store_checkpoints_total'), '3');
    assert.equal(seriesValue(text, 'courtside_store_wal_frames'), '40');
    assert.equal(seriesValue(text, 'courtside_store_wal_frames_copied'), '38');
    assert.equal(seriesValue(text, 'courtside_store_checkpointer_running'), '1');

    checkpoints = { ...checkpoints, running: false };
    text = await metrics.registry.metrics();
    assert.equal(seriesValue(text, 'courtside_store_checkpointer_running'), '0');

    checkpoints = undefined;
    text = await metrics.registry.metrics();
    // prom-client spells it "Nan"; Prometheus reads NaN in any case.
    for (const series of ['courtside_store_checkpoints_total', 'courtside_store_checkpointer_running']) {
      const value = seriesValue(text, series);
      assert.ok(value !== undefined && Number.isNaN(Number(value)), `${series} is NaN, got ${value}`);
    }
  });

  it('leaves out the series of a source it was not given', async () => {
    const text = await new Metrics(sources()).registry.metrics();
    assert.equal(seriesValue(text, 'courtside_store_checkpoints_total'), undefined);
    assert.doesNotMatch(text, /courtside_playbyplay_/);
    assert.equal(seriesValue(text, 'courtside_ws_slow_clients'), '0');
  });

  it("exposes the play-by-play reader's counters by how each body and action was read", async () => {
    const reads: PlayByPlayCounters = { incremental: 90, whole: 12, actionsReused: 4000, actionsParsed: 350 };
    const text = await new Metrics(sources({ playByPlay: () => reads })).registry.metrics();
    assert.equal(seriesValue(text, 'courtside_playbyplay_bodies_total{read="incremental"}'), '90');
    assert.equal(seriesValue(text, 'courtside_playbyplay_bodies_total{read="whole"}'), '12');
    assert.equal(seriesValue(text, 'courtside_playbyplay_actions_total{source="reused"}'), '4000');
    assert.equal(seriesValue(text, 'courtside_playbyplay_actions_total{source="parsed"}'), '350');
  });

  it('exposes process memory and event-loop lag', async () => {
    const metrics = new Metrics(sources());
    const text = await metrics.registry.metrics();
    for (const series of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes']) {
      assert.ok(Number(seriesValue(text, series)) > 0, `${series} = ${seriesValue(text, series)}`);
    }
    // Lag is whatever the loop did since the last scrape (0 for an idle loop): exposed, and sane.
    for (const series of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_max_seconds']) {
      const lag = Number(seriesValue(text, series));
      assert.ok(lag >= 0 && lag < 10, `${series} = ${seriesValue(text, series)}`);
    }
  });

  it('counts scoreboard entries left out and scores that went backwards', async () => {
    const metrics = new Metrics(sources());
    metrics.scoreboardEntryRejected();
    metrics.scoreboardEntryRejected();
    metrics.backwardScore();
    const text = await metrics.registry.metrics();
    assert.equal(seriesValue(text, 'courtside_scoreboard_entries_rejected_total'), '2');
    assert.equal(seriesValue(text, 'courtside_scoreboard_backward_scores_total'), '1');
  });

  it('keeps the registries of two services apart', async () => {
    const a = new Metrics(sources({ clients: () => 1 }));
    const b = new Metrics(sources({ clients: () => 2 }));
    assert.equal(seriesValue(await a.registry.metrics(), 'courtside_ws_clients'), '1');
    assert.equal(seriesValue(await b.registry.metrics(), 'courtside_ws_clients'), '2');
  });
});

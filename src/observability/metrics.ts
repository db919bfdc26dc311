/**
 * Prometheus metrics of one running service (its own registry, so several services in one
 * process, as in tests, never share counters). Fed by the feed client's observer, the pipeline's
 * hooks and the broadcaster's stats.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FeedResponseEvent } from '../feed/options.ts';
import type { TrackerEvent } from '../game/game-tracker.ts';
import type { GameRecord } from '../service/game-record.ts';
import { RollingGrades } from './rolling-grades.ts';

/** What the broadcaster counts; read each time `/metrics` is scraped. */
export interface BroadcastCounters {
  readonly sent: number;
  readonly slowClients: number;
  readonly droppedScoreUpdates: number;
  readonly rejectedConnections: number;
  readonly clientErrors: number;
  readonly slowDisconnects: number;
  readonly deadPeersTerminated: number;
  readonly closes: Readonly<Record<string, number>>;
  readonly refusals: Readonly<Record<string, number>>;
  readonly rateLimited: Readonly<Record<string, number>>;
}

/** What the store's background checkpointer counts. */
export interface CheckpointCounters {
  readonly checkpoints: number;
  readonly walFrames: number;
  readonly copiedFrames: number;
  readonly running: boolean;
}

/** What the play-by-play reader counts. */
export interface PlayByPlayCounters {
  readonly incremental: number;
  readonly whole: number;
  readonly actionsReused: number;
  readonly actionsParsed: number;
}

/** Where the scraped series come from: each is read when `/metrics` is scraped, never copied. */
export interface MetricSources {
  readonly clients: () => number;
  readonly games: () => number;
  readonly broadcast: () => BroadcastCounters;
  /** Undefined while the store has no background checkpointer (an in-memory store has none). */
  readonly checkpoints?: () => CheckpointCounters | undefined;
  readonly playByPlay?: () => PlayByPlayCounters;
}

type Series<T> = readonly [name: string, help: string, read: (counters: T) => number];

const BROADCAST_SERIES: ReadonlyArray<Series<BroadcastCounters>> = [
  ['courtside_ws_slow_clients', 'Clients whose send buffer is past the slow-client threshold now (their messages wait in a backlog)', (b) => b.slowClients],
  ['courtside_ws_dropped_score_updates_total', 'score_update messages a slow client never got because a newer one for the game replaced them', (b) => b.droppedScoreUpdates],
  ['courtside_ws_slow_disconnects_total', 'Clients let go (close code 4008) for staying slow past the timeout', (b) => b.slowDisconnects],
  ['courtside_ws_rejected_connections_total', 'Connections refused at the upgrade', (b) => b.rejectedConnections],
  ['courtside_ws_client_errors_total', 'Client frames answered with an error message', (b) => b.clientErrors],
  ['courtside_ws_dead_peers_terminated_total', 'Connections ended for missing the heartbeat', (b) => b.deadPeersTerminated],
];

const BROADCAST_BY_CAUSE: ReadonlyArray<readonly [name: string, help: string, label: string, read: (counters: BroadcastCounters) => Readonly<Record<string, number>>]> = [
  ['courtside_ws_closes_total', 'Connections ended, by cause (slow_consumer 4008, output_budget 4009, rate_limited 4029, dead_peer, protocol_error, peer_closed, ...)', 'cause', (b) => b.closes],
  ['courtside_ws_refused_connections_total', 'Connections refused at the upgrade, by cause', 'cause', (b) => b.refusals],
  ['courtside_ws_rate_limited_total', 'Client requests over a rate limit (each closed its client), by limit', 'limit', (b) => b.rateLimited],
];

const CHECKPOINT_SERIES: ReadonlyArray<Series<CheckpointCounters>> = [
  ['courtside_store_checkpoints_total', 'WAL checkpoints made by the background checkpointer that found frames to copy', (c) => c.checkpoints],
  ['courtside_store_wal_frames', 'Frames in the WAL at the last checkpoint', (c) => c.walFrames],
  ['courtside_store_wal_frames_copied', 'Of those, frames now in the main database file', (c) => c.copiedFrames],
  ['courtside_store_checkpointer_running', '1 while the background checkpointer runs; 0 once it has stopped and the writer checkpoints inline', (c) => (c.running ? 1 : 0)],
];

export class Metrics {
  readonly registry = new Registry();
  readonly grades = new RollingGrades(100);
  readonly #feedRequests = new Counter({ name: 'courtside_feed_requests_total', help: 'Feed calls by endpoint and outcome (fresh, not_modified, error)', labelNames: ['endpoint', 'outcome'], registers: [this.registry] });
  readonly #feedErrors = new Counter({ name: 'courtside_feed_errors_total', help: 'Feed errors by endpoint and kind', labelNames: ['endpoint', 'kind'], registers: [this.registry] });
  readonly #feedLatency = new Histogram({ name: 'courtside_feed_request_duration_seconds', help: 'Feed call latency, retries included', labelNames: ['endpoint'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry] });
  readonly #notModifiedRatio = new Gauge({ name: 'courtside_feed_not_modified_ratio', help: 'Share of successful feed calls answered 304', registers: [this.registry] });
  readonly #cycles = new Counter({ name: 'courtside_poll_cycles_total', help: 'Poll cycles run', registers: [this.registry] });
  readonly #cycleLatency = new Histogram({ name: 'courtside_poll_cycle_duration_seconds', help: 'One poll cycle: scoreboard, play-by-play, tracking, messages', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry] });
  readonly #forecasts = new Counter({ name: 'courtside_forecasts_total', help: 'Halftime forecasts made', registers: [this.registry] });
  readonly #graded = new Counter({ name: 'courtside_forecasts_graded_total', help: 'Forecasts graded at halftime', labelNames: ['covered'], registers: [this.registry] });
  readonly #unreadableClocks = new Counter({ name: 'courtside_feed_unreadable_clocks_total', help: 'Scoreboard entries whose game clock could not be read (the rest of the entry was taken)', registers: [this.registry] });
  readonly #entriesRejected = new Counter({ name: 'courtside_scoreboard_entries_rejected_total', help: 'Scoreboard entries left out (malformed, or refused by their game); the other games still applied', registers: [this.registry] });
  readonly #backwardScores = new Counter({ name: 'courtside_scoreboard_backward_scores_total', help: "Scoreboard scores lower than the game's previous one (applied as corrections)", registers: [this.registry] });
  #fresh = 0;
  #notModified = 0;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Process memory (process_resident_memory_bytes, nodejs_heap_*), event-loop lag (nodejs_eventloop_lag_*), GC, handles.
    collectDefaultMetrics({ register: this.registry });
    new Gauge({ name: 'courtside_messages_sent_total', help: 'Frames sent to WebSocket clients', registers, collect() { this.set(sources.broadcast().sent); } });
    new Gauge({ name: 'courtside_ws_clients', help: 'Connected WebSocket clients', registers, collect() { this.set(sources.clients()); } });
    new Gauge({ name: 'courtside_games_tracked', help: 'Games tracked', registers, collect() { this.set(sources.games()); } });
    const grades = this.grades;
    new Gauge({ name: 'courtside_rolling_coverage', help: 'Share of the last 100 graded forecasts whose interval covered halftime', registers, collect() { this.set(grades.coverage ?? Number.NaN); } });
    new Gauge({ name: 'courtside_rolling_mae', help: 'Mean absolute error of the last 100 graded forecasts', registers, collect() { this.set(grades.mae ?? Number.NaN); } });
    for (const [name, help, read] of BROADCAST_SERIES) {
      new Gauge({ name, help, registers, collect() { this.set(read(sources.broadcast())); } });
    }
    for (const [name, help, label, read] of BROADCAST_BY_CAUSE) {
      new Gauge({ name, help, labelNames: [label], registers, collect() { for (const [key, n] of Object.entries(read(sources.broadcast()))) this.set({ [label]: key }, n); } });
    }
    if (sources.checkpoints) {
      const checkpoints = sources.checkpoints;
      for (const [name, help, read] of CHECKPOINT_SERIES) {
        // NaN, not 0, when there is no background checkpointer: "none" is not "zero so far".
        new Gauge({ name, help, registers, collect() { const c = checkpoints(); this.set(c ? read(c) : Number.NaN); } });
      }
    }
    if (sources.playByPlay) {
      const read = sources.playByPlay;
      new Gauge({ name: 'courtside_playbyplay_bodies_total', help: 'Play-by-play bodies read, against the previous body of the game (incremental) or parsed whole', labelNames: ['read'], registers, collect() {
        const r = read();
        this.set({ read: 'incremental' }, r.incremental);
        this.set({ read: 'whole' }, r.whole);
      } });
      new Gauge({ name: 'courtside_playbyplay_actions_total', help: 'Play-by-play actions taken from a body: reused from the previous body or parsed', labelNames: ['source'], registers, collect() {
        const r = read();
        this.set({ source: 'reused' }, r.actionsReused);
        this.set({ source: 'parsed' }, r.actionsParsed);
      } });
    }
  }

  /** The feed client's observer. */
  readonly feedObserver = {
    onResponse: (e: FeedResponseEvent): void => {
      this.#feedRequests.inc({ endpoint: e.endpoint, outcome: e.outcome });
      this.#feedLatency.observe({ endpoint: e.endpoint }, e.latencyMs / 1000);
      if (e.outcome === 'error') this.#feedErrors.inc({ endpoint: e.endpoint, kind: e.error?.code ?? 'unknown' });
      if (e.outcome === 'fresh') this.#fresh += 1;
      if (e.outcome === 'not_modified') this.#notModified += 1;
      this.#notModifiedRatio.set(this.#notModified / Math.max(1, this.#fresh + this.#notModified));
    },
  };

  scoreboardEntryRejected(): void {
    this.#entriesRejected.inc();
  }

  backwardScore(): void {
    this.#backwardScores.inc();
  }

  cycleFinished(seconds: number): void {
    this.#cycles.inc();
    this.#cycleLatency.observe(seconds);
  }

  /** The pipeline's hook for a scoreboard clock it could not read. */
  unreadableClock(): void {
    this.#unreadableClocks.inc();
  }

  /** The pipeline's game-event hook. */
  onGameEvent(record: GameRecord, event: TrackerEvent): void {
    if (event.kind === 'trigger') this.#forecasts.inc();
    if (event.kind === 'halftime' && record.forecast) {
      const p = record.forecast.prediction;
      const covered = event.actual >= p.interval_lower && event.actual <= p.interval_upper;
      this.#graded.inc({ covered: String(covered) });
      this.grades.add(Math.abs(event.actual - p.point_forecast), covered);
    }
  }
}

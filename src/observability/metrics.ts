/**
 * Prometheus metrics of one running service (its own registry, so several services in one
 * process, as in tests, never share counters). Fed by the feed client's observer, the pipeline's
 * hooks and the broadcaster's stats.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FeedResponseEvent } from '../feed/options.ts';
import type { TrackerEvent } from '../game/game-tracker.ts';
import type { GameRecord } from '../service/game-record.ts';
import { RollingGrades } from './rolling-grades.ts';

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
  #fresh = 0;
  #notModified = 0;

  constructor(sources: { messagesSent: () => number; clients: () => number; games: () => number }) {
    const registers = [this.registry];
    new Gauge({ name: 'courtside_messages_sent_total', help: 'Frames sent to WebSocket clients', registers, collect() { this.set(sources.messagesSent()); } });
    new Gauge({ name: 'courtside_ws_clients', help: 'Connected WebSocket clients', registers, collect() { this.set(sources.clients()); } });
    new Gauge({ name: 'courtside_games_tracked', help: 'Games tracked', registers, collect() { this.set(sources.games()); } });
    const grades = this.grades;
    new Gauge({ name: 'courtside_rolling_coverage', help: 'Share of the last 100 graded forecasts whose interval covered halftime', registers, collect() { this.set(grades.coverage ?? Number.NaN); } });
    new Gauge({ name: 'courtside_rolling_mae', help: 'Mean absolute error of the last 100 graded forecasts', registers, collect() { this.set(grades.mae ?? Number.NaN); } });
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

  cycleFinished(seconds: number): void {
    this.#cycles.inc();
    this.#cycleLatency.observe(seconds);
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

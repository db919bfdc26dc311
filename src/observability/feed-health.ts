/** What `/health` and `feed_status` say about the feed: its state, when it last answered, and the last thing that went wrong. */
import type { FeedResponseEvent } from '../feed/options.ts';
import type { HealthReport } from '../http/api.ts';
import type { FeedCondition, FeedProblem, FeedState, GameSnapshot } from '../protocol/messages.ts';

/** A feed (or a live game's data) silent for longer than this is stale. */
const STALE_MS = 60_000;

/** What the poll loop knows: its breaker's state and how many poll cycles failed in a row. */
export interface FeedLoopState {
  readonly breaker: string;
  readonly failedCycles: number;
}

export class FeedHealth {
  readonly startedAt: number;
  readonly #now: () => number;
  #lastSuccessAt: number | undefined;
  #lastError: FeedProblem | undefined;
  #state: FeedState = 'ok';
  #since: number;

  /** `now`: the clock, in ms since the epoch (tests step it). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.startedAt = now();
    this.#since = this.startedAt;
  }

  onResponse(e: FeedResponseEvent): void {
    if (e.outcome === 'error') {
      // A 403 for a game that has not started is the CDN's normal answer, not a health problem.
      if (e.error?.code === 'forbidden' && e.endpoint !== 'scoreboard') return;
      this.#lastError = { at: new Date(this.#now()).toISOString(), endpoint: e.endpoint, code: e.error?.code ?? 'unknown', message: e.error?.message ?? 'feed error' };
    } else {
      this.#lastSuccessAt = this.#now();
    }
  }

  /**
   * `failing` from the first failed poll cycle (`failedCycles`: scoreboard unreachable, or the
   * cycle itself failed) or while the breaker is open: one is enough, since a total 403 outage
   * never opens the breaker (a 403 is not transient) and the last success would look fresh for a
   * minute; the next good cycle clears it. `stale`: no answer for over a minute. `since` moves
   * only when the state changes: to the failure's latest error, the last answer before the
   * silence, or now.
   */
  condition(s: FeedLoopState): FeedCondition {
    const now = this.#now();
    const silentMs = now - (this.#lastSuccessAt ?? this.startedAt);
    const state: FeedState = s.failedCycles > 0 || s.breaker === 'open' ? 'failing' : silentMs >= STALE_MS ? 'stale' : 'ok';
    if (state !== this.#state) {
      this.#state = state;
      const errorAt = this.#lastError ? Date.parse(this.#lastError.at) : Number.NaN;
      this.#since = state === 'stale' ? now - silentMs : state === 'failing' && errorAt > (this.#lastSuccessAt ?? 0) ? errorAt : now;
    }
    return {
      state,
      since: new Date(this.#since).toISOString(),
      last_success_at: this.#lastSuccessAt === undefined ? null : new Date(this.#lastSuccessAt).toISOString(),
      last_error: state === 'ok' ? null : (this.#lastError ?? null),
    };
  }

  report(s: FeedLoopState & { feedUrl: string; source: string; games: readonly GameSnapshot[]; clients: number; modelVersion: string }): HealthReport {
    const now = this.#now();
    const games = s.games.map((g) => ({
      game_id: g.game_id,
      status: g.data.status,
      data_age_s: Math.round((now - Date.parse(g.updated_at)) / 1000),
      approximate: g.approximate,
    }));
    const feed = this.condition(s);
    return {
      status: feed.state === 'ok' ? 'ok' : 'degraded',
      uptime_s: Math.round((now - this.startedAt) / 1000),
      source: s.source,
      model_version: s.modelVersion,
      feed: { url: s.feedUrl, state: feed.state, since: feed.since, breaker: s.breaker, failed_cycles: s.failedCycles, last_success_at: feed.last_success_at },
      clients: s.clients,
      games,
      last_error: this.#lastError ?? null,
    };
  }
}

/** What `/health` says about the feed: when it last answered, and the last thing that went wrong. */
import type { FeedResponseEvent } from '../feed/options.ts';
import type { HealthReport } from '../http/api.ts';
import type { GameSnapshot } from '../protocol/messages.ts';

/** A live game whose data is older than this is stale. */
const STALE_MS = 60_000;

export class FeedHealth {
  readonly startedAt = Date.now();
  #lastSuccessAt: number | undefined;
  #lastError: { at: string; endpoint: string; code: string; message: string } | undefined;

  onResponse(e: FeedResponseEvent): void {
    if (e.outcome === 'error') {
      // A 403 for a game that has not started is the CDN's normal answer, not a health problem.
      if (e.error?.code === 'forbidden' && e.endpoint !== 'scoreboard') return;
      this.#lastError = { at: new Date().toISOString(), endpoint: e.endpoint, code: e.error?.code ?? 'unknown', message: e.error?.message ?? 'feed error' };
    } else {
      this.#lastSuccessAt = Date.now();
    }
  }

  /**
   * `failedCycles`: poll cycles failed in a row (scoreboard unreachable, or the cycle itself
   * failed). One is enough to degrade: a total 403 outage never opens the breaker (a 403 is not
   * transient) and the last success would look fresh for a minute; the next good cycle clears it.
   */
  report(s: { feedUrl: string; source: string; breaker: string; failedCycles: number; games: readonly GameSnapshot[]; clients: number; modelVersion: string }): HealthReport {
    const now = Date.now();
    const games = s.games.map((g) => ({
      game_id: g.game_id,
      status: g.data.status,
      data_age_s: Math.round((now - Date.parse(g.updated_at)) / 1000),
      approximate: g.approximate,
    }));
    const feedAge = this.#lastSuccessAt === undefined ? undefined : now - this.#lastSuccessAt;
    const healthy = s.failedCycles === 0 && s.breaker !== 'open' && (feedAge === undefined ? now - this.startedAt < STALE_MS : feedAge < STALE_MS);
    return {
      status: healthy ? 'ok' : 'degraded',
      uptime_s: Math.round((now - this.startedAt) / 1000),
      source: s.source,
      model_version: s.modelVersion,
      feed: { url: s.feedUrl, breaker: s.breaker, failed_cycles: s.failedCycles, last_success_at: this.#lastSuccessAt ? new Date(this.#lastSuccessAt).toISOString() : null },
      clients: s.clients,
      games,
      last_error: this.#lastError ?? null,
    };
  }
}

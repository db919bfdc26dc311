/**
 * The NBA live CDN client: three documents, each fetched with browser-like headers, a timeout per
 * attempt, full-jitter retries of what can recover, a circuit breaker shared by all endpoints,
 * and conditional requests so an unchanged document is a 304 with no parsing.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap } from 'cockatiel';
import type { CircuitBreakerPolicy, IPolicy } from 'cockatiel';
import type { z } from 'zod';
import { attempt, parseWhole } from './attempt.ts';
import type { FeedResult } from './attempt.ts';
import { feedBackoff } from './backoff.ts';
import { ValidatorCache } from './conditional.ts';
import { ENDPOINT_SCHEMAS, endpointUrl } from './endpoints.ts';
import { IncrementalPlayByPlaySchema } from './incremental-pbp.ts';
import { PlayByPlayReader, type ReadStats } from './play-by-play-reader.ts';
import type { DocumentSchema } from './attempt.ts';
import type { Endpoint, EndpointDocument } from './endpoints.ts';
import { FeedError, isTransientFeedError } from './errors.ts';
import { resolveOptions } from './options.ts';
import type { FeedResponseEvent, NbaFeedClientOptions, ResolvedOptions } from './options.ts';
import type { BoxscoreDocument, PlayByPlayDocument, ScoreboardDocument } from './nba-schemas.ts';

export type { FeedResult } from './attempt.ts';

export interface RequestOptions {
  /** Aborting it (shutdown) rethrows its reason at once; it is not a feed failure. */
  readonly signal?: AbortSignal;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export class NbaFeedClient {
  readonly #options: ResolvedOptions;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #validators = new ValidatorCache();
  readonly #playByPlaySchema = new IncrementalPlayByPlaySchema();
  readonly #playByPlayReader = new PlayByPlayReader();
  readonly #readPlayByPlay = (url: string, body: Uint8Array): unknown => this.#playByPlayReader.read(url, body);
  readonly #breaker: CircuitBreakerPolicy;
  readonly #policy: IPolicy;

  constructor(options: NbaFeedClientOptions = {}) {
    this.#options = resolveOptions(options);
    const o = this.#options;
    this.#headers = {
      // Without this Referer (and a browser User-Agent) the CDN answers 403 "Access Denied".
      Referer: 'https://www.nba.com/',
      'User-Agent': o.userAgent,
      Accept: 'application/json',
      // Node's fetch still decodes gzip when the header is set by hand; naming only gzip keeps
      // the CDN off brotli and deflate variants.
      'Accept-Encoding': 'gzip',
    };
    // Only transient failures count: a 403 for a game that has not started is a normal answer.
    const transient = handleWhen(isTransientFeedError);
    this.#breaker = circuitBreaker(transient, {
      halfOpenAfter: o.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(o.breakerThreshold),
    });
    const backoff = feedBackoff({ initialDelayMs: o.retryInitialDelayMs, maxDelayMs: o.retryMaxDelayMs, maxRetryAfterMs: o.maxRetryAfterMs });
    // Breaker outermost: it counts whole calls, each already retried, so one blip never opens it.
    this.#policy = wrap(this.#breaker, retry(transient, { maxAttempts: o.retries, backoff }), timeout(o.timeoutMs, TimeoutStrategy.Cooperative));
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  /** How play-by-play bodies have been read so far: against the game's previous body, or whole. */
  get playByPlayStats(): Readonly<ReadStats> {
    return this.#playByPlayReader.stats;
  }

  get breakerState(): BreakerState {
    const state = this.#breaker.state;
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half_open' : 'open';
  }

  scoreboard(options?: RequestOptions): Promise<FeedResult<ScoreboardDocument>> {
    return this.#get('scoreboard', undefined, options);
  }

  playByPlay(gameId: string, options?: RequestOptions): Promise<FeedResult<PlayByPlayDocument>> {
    return this.#get('playbyplay', gameId, options);
  }

  boxscore(gameId: string, options?: RequestOptions): Promise<FeedResult<BoxscoreDocument>> {
    return this.#get('boxscore', gameId, options);
  }

  async #get<E extends Endpoint>(endpoint: E, gameId: string | undefined, options: RequestOptions = {}): Promise<FeedResult<EndpointDocument<E>>> {
    const url = endpointUrl(this.#options.baseUrl, endpoint, gameId);
    const started = performance.now();
    let attempts = 0;
    let status: number | undefined;
    const setup = {
      url,
      read: endpoint === 'playbyplay' ? this.#readPlayByPlay : parseWhole,
      schema: (endpoint === 'playbyplay' ? this.#playByPlaySchema : ENDPOINT_SCHEMAS[endpoint]) as unknown as DocumentSchema<EndpointDocument<E>>,
      headers: this.#headers,
      validators: this.#validators,
      timeoutMs: this.#options.timeoutMs,
      now: this.#options.now,
      callerSignal: options.signal,
      onStatus: (s: number) => (status = s),
      tap: this.#options.tap,
    };
    const report = (event: Omit<FeedResponseEvent, 'endpoint' | 'url' | 'latencyMs' | 'attempts'>): void =>
      this.#report({ endpoint, url, latencyMs: performance.now() - started, attempts, ...event });
    try {
      const result = await this.#policy.execute(({ signal }) => {
        attempts++;
        status = undefined;
        return attempt(setup, signal);
      }, options.signal);
      report({ outcome: result.kind, status });
      return result;
    } catch (raw) {
      const error = raw instanceof BrokenCircuitError ? this.#circuitOpen(url) : raw;
      if (error instanceof FeedError) report({ outcome: 'error', status: error.status, error });
      throw error;
    }
  }

  #circuitOpen(url: string): FeedError {
    const last = this.#breaker.lastFailure;
    const cause = last && 'error' in last ? last.error : undefined;
    const because = cause instanceof FeedError ? ` after ${this.#options.breakerThreshold} failed calls, last: ${cause.code}` : '';
    return new FeedError('circuit_open', { url, detail: `circuit breaker open${because}; request not sent`, cause });
  }

  #report(event: FeedResponseEvent): void {
    try {
      this.#options.observer?.onResponse(event);
    } catch {
      // A broken metrics hook must not turn a good document into a failed poll.
    }
  }
}

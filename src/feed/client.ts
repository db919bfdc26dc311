/**
 * The NBA live CDN client: three documents, each fetched with browser-like headers, a timeout per
 * attempt, full-jitter retries of what can recover, a circuit breaker shared by all endpoints,
 * and conditional requests so an unchanged document is a 304 with no parsing.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap } from 'cockatiel';
import type { CircuitBreakerPolicy, IPolicy } from 'cockatiel';
import { attempt, parseWhole } from './attempt.ts';
import type { FeedResult } from '../domain/feed-result.ts';
import { feedBackoff } from './backoff.ts';
import { ValidatorCache } from './conditional.ts';
import { ENDPOINT_SCHEMAS, endpointUrl } from './endpoints.ts';
import { IncrementalPlayByPlaySchema } from './incremental-pbp.ts';
import { PlayByPlayReader, type ReadStats } from './play-by-play-reader.ts';
import { ScoreboardEntriesSchema } from './scoreboard-entries.ts';
import type { BodyReader, DocumentSchema } from './attempt.ts';
import type { Endpoint, EndpointDocument } from './endpoints.ts';
import { FeedError, isTransientFeedError } from './errors.ts';
import { resolveOptions } from './options.ts';
import type { FeedResponseEvent, NbaFeedClientOptions, ResolvedOptions } from './options.ts';
import type { BoxscoreDocument, PlayByPlayDocument, ScoreboardReading } from './nba-schemas.ts';

export interface RequestOptions {
  /** Aborting it (shutdown) rethrows its reason at once; it is not a feed failure. */
  readonly signal?: AbortSignal;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface VerbatimDocument<T> {
  readonly document: T;
  /** The body as received (after content decoding), byte for byte. */
  readonly body: Uint8Array;
  readonly receivedAt: number;
}

/** Remembers no validators, so requests through it are never conditional. */
const FORGETFUL = new ValidatorCache(0);

export class NbaFeedClient {
  readonly #options: ResolvedOptions;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #validators = new ValidatorCache();
  readonly #schemas = { scoreboard: ScoreboardEntriesSchema, playbyplay: new IncrementalPlayByPlaySchema(), boxscore: ENDPOINT_SCHEMAS.boxscore, schedule: ENDPOINT_SCHEMAS.schedule };
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

  /** Games that fail their schema are left out, and listed in `rejectedGames`; the rest still arrive. */
  scoreboard(options?: RequestOptions): Promise<FeedResult<ScoreboardReading>> {
    return this.#get('scoreboard', undefined, options);
  }

  playByPlay(gameId: string, options?: RequestOptions): Promise<FeedResult<PlayByPlayDocument>> {
    return this.#get('playbyplay', gameId, options);
  }

  boxscore(gameId: string, options?: RequestOptions): Promise<FeedResult<BoxscoreDocument>> {
    return this.#get('boxscore', gameId, options);
  }

  /**
   * The document with the very bytes the CDN sent, for keeping it as it came (`data pull`). Never
   * conditional, so every call gets the whole body, and read whole: no previous body is kept.
   */
  async verbatim<E extends Endpoint>(endpoint: E, gameId?: string, options: RequestOptions = {}): Promise<VerbatimDocument<EndpointDocument<E>>> {
    let body: Uint8Array = new Uint8Array(0);
    const keep: BodyReader = (url, bytes) => {
      body = bytes;
      return parseWhole(url, bytes);
    };
    const schema = ENDPOINT_SCHEMAS[endpoint] as unknown as DocumentSchema<EndpointDocument<E>>;
    const url = endpointUrl(this.#options.baseUrl, endpoint, gameId);
    const result = await this.#call(endpoint, url, keep, schema, FORGETFUL, options);
    // `attempt` already refuses a 304 to a request that sent no validators: this is for the type.
    if (result.kind !== 'fresh') throw new FeedError('http_error', { url, status: 304, detail: 'a 304 answered an unconditional request' });
    return { document: result.document, body, receivedAt: result.receivedAt };
  }

  async #get<E extends Endpoint>(endpoint: E, gameId: string | undefined, options: RequestOptions = {}): Promise<FeedResult<EndpointDocument<E>>> {
    const read = endpoint === 'playbyplay' ? this.#readPlayByPlay : parseWhole;
    const schema = this.#schemas[endpoint] as unknown as DocumentSchema<EndpointDocument<E>>;
    return this.#call(endpoint, endpointUrl(this.#options.baseUrl, endpoint, gameId), read, schema, this.#validators, options);
  }

  async #call<T>(endpoint: Endpoint, url: string, read: BodyReader, schema: DocumentSchema<T>, validators: ValidatorCache, options: RequestOptions): Promise<FeedResult<T>> {
    const started = performance.now();
    let attempts = 0;
    let status: number | undefined;
    const setup = {
      url,
      read,
      schema,
      headers: this.#headers,
      validators,
      timeoutMs: this.#options.timeoutMs,
      bodyLimit: { bytes: this.#options.maxBodyBytes[endpoint], option: `maxBodyBytes.${endpoint}` },
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

/**
 * Options of `NbaFeedClient`, their defaults, and the checks that turn a wrong value into an
 * exact message at construction time instead of a puzzling failure during a live game.
 */
import type { Endpoint } from './endpoints.ts';
import { DEFAULT_BASE_URL } from './endpoints.ts';
import { invalidOption } from '../errors.ts';
import type { FeedError } from './errors.ts';
import type { ResponseTap } from './tap.ts';

/** A desktop Chrome on Windows: the CDN's edge answers 403 to clients that do not look like a browser. */
export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

const MiB = 1024 * 1024;

/**
 * Largest body read per document, decoded. The real ones (`$NBA_DATA_DIR/live/`): a 3-game
 * scoreboard 9.6 KB (a 15-game night ~50 KB), a regulation game's play-by-play 411 KB (610
 * actions; a quadruple-overtime one about twice that), a boxscore 39 KB: each limit is 20-50
 * times the largest real document, and bounds what one response can cost in memory.
 */
export const DEFAULT_MAX_BODY_BYTES: Readonly<Record<Endpoint, number>> = {
  scoreboard: 2 * MiB,
  playbyplay: 8 * MiB,
  boxscore: 2 * MiB,
  // The season's whole schedule (about 1,400 games) is one document of a few MB.
  schedule: 32 * MiB,
};

export interface FeedResponseEvent {
  readonly endpoint: Endpoint;
  readonly url: string;
  readonly outcome: 'fresh' | 'not_modified' | 'error';
  /** HTTP status of the last attempt; absent when no response came back. */
  readonly status?: number | undefined;
  /** From the call to the answer, retries and their waits included. */
  readonly latencyMs: number;
  /** Requests actually sent: 0 when the breaker was open, 1 + the retries otherwise. */
  readonly attempts: number;
  readonly error?: FeedError | undefined;
}

/** Told about every call's outcome; the pipeline counts and logs with it. Must not throw. */
export interface FeedObserver {
  onResponse(event: FeedResponseEvent): void;
}

export interface NbaFeedClientOptions {
  /** Default `https://cdn.nba.com/static/json/liveData`; the replay's fake CDN elsewhere. */
  readonly baseUrl?: string;
  /** Per attempt, headers and body. Default 5000. */
  readonly timeoutMs?: number;
  /** Extra attempts after a transient failure. Default 2. */
  readonly retries?: number;
  /** Cap of the first full-jitter backoff window. Default 250. */
  readonly retryInitialDelayMs?: number;
  /** Cap of any backoff window. Default 4000. */
  readonly retryMaxDelayMs?: number;
  /** Longest `Retry-After` honoured. Default 30000. */
  readonly maxRetryAfterMs?: number;
  /** Consecutive failed calls (after their retries) that open the breaker. Default 5. */
  readonly breakerThreshold?: number;
  /** How long the open breaker refuses calls before letting one through. Default 30000. */
  readonly breakerHalfOpenAfterMs?: number;
  readonly userAgent?: string;
  /** Per endpoint, the largest body read (decoded bytes); beyond it a `body_too_large` error. Defaults: `DEFAULT_MAX_BODY_BYTES`. */
  readonly maxBodyBytes?: Partial<Readonly<Record<Endpoint, number>>>;
  readonly observer?: FeedObserver;
  /** Wall clock for `receivedAt`; injectable so a replay can stamp simulated time. */
  readonly now?: () => number;
  /** Sees every raw response before it is parsed (the recorder's seam); awaited. */
  readonly tap?: ResponseTap;
}

export type ResolvedOptions = Required<Omit<NbaFeedClientOptions, 'observer' | 'maxBodyBytes' | 'tap'>> &
  Pick<NbaFeedClientOptions, 'observer' | 'tap'> & { readonly maxBodyBytes: Readonly<Record<Endpoint, number>> };

export function resolveOptions(options: NbaFeedClientOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    baseUrl: baseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    timeoutMs: integer('timeoutMs', options.timeoutMs ?? 5000, 1),
    retries: integer('retries', options.retries ?? 2, 0),
    retryInitialDelayMs: integer('retryInitialDelayMs', options.retryInitialDelayMs ?? 250, 1),
    retryMaxDelayMs: integer('retryMaxDelayMs', options.retryMaxDelayMs ?? 4000, 1),
    maxRetryAfterMs: integer('maxRetryAfterMs', options.maxRetryAfterMs ?? 30_000, 0),
    breakerThreshold: integer('breakerThreshold', options.breakerThreshold ?? 5, 1),
    breakerHalfOpenAfterMs: integer('breakerHalfOpenAfterMs', options.breakerHalfOpenAfterMs ?? 30_000, 1),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    maxBodyBytes: maxBodyBytes(options.maxBodyBytes ?? {}),
    observer: options.observer,
    tap: options.tap,
    now: options.now ?? Date.now,
  };
  if (resolved.retryMaxDelayMs < resolved.retryInitialDelayMs) {
    invalid(`retryMaxDelayMs must be at least retryInitialDelayMs (${resolved.retryInitialDelayMs}), got ${resolved.retryMaxDelayMs}`);
  }
  if (typeof resolved.userAgent !== 'string' || resolved.userAgent.trim() === '') {
    invalid(`userAgent must be a non-empty string, got ${JSON.stringify(resolved.userAgent)}`);
  }
  if (resolved.observer !== undefined && typeof resolved.observer?.onResponse !== 'function') {
    invalid('observer must have an onResponse(event) method');
  }
  if (typeof resolved.now !== 'function') invalid('now must be a function returning epoch milliseconds');
  if (resolved.tap !== undefined && typeof resolved.tap !== 'function') invalid('tap must be a function(response)');
  return resolved;
}

function baseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    invalid(`baseUrl must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return (value as string).replace(/\/+$/, '');
}

function maxBodyBytes(given: Partial<Record<Endpoint, number>>): Record<Endpoint, number> {
  if (typeof given !== 'object' || given === null) invalid(`maxBodyBytes must be an object of byte counts by endpoint, got ${JSON.stringify(given)}`);
  for (const key of Object.keys(given)) {
    if (!(key in DEFAULT_MAX_BODY_BYTES)) invalid(`maxBodyBytes.${key}: no such endpoint (scoreboard, playbyplay, boxscore, schedule)`);
  }
  const limit = (endpoint: Endpoint): number => integer(`maxBodyBytes.${endpoint}`, given[endpoint] ?? DEFAULT_MAX_BODY_BYTES[endpoint], 1);
  return { scoreboard: limit('scoreboard'), playbyplay: limit('playbyplay'), boxscore: limit('boxscore'), schedule: limit('schedule') };
}

function integer(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    invalid(`${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function invalid(message: string): never {
  throw invalidOption('NbaFeedClient', message);
}

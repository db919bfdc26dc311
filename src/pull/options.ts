/**
 * Options of `data pull`, checked once with the exact value at fault in the message.
 */
import type { NbaFeedClientOptions } from '../feed/options.ts';
import { DEFAULT_BASE_URL } from '../feed/endpoints.ts';
import { PullError } from './errors.ts';
import type { PullProgress } from './progress.ts';

/** The CDN is asked for at most this many documents at once, whatever the caller wants. */
export const MAX_CONCURRENCY = 4;
/** Consecutive game ids with no documents that end a season being enumerated. */
export const DEFAULT_MISS_RUN = 20;

export interface PullOptions {
  /** `2024-25`. */
  readonly season: string;
  /** The data folder written (created when missing). */
  readonly to: string;
  /** Live-data base URL; the schedule is read beside it. Default the NBA's CDN. */
  readonly feedUrl?: string;
  /** Games fetched at once, 1..4; default 4. */
  readonly concurrency?: number;
  /** Ends an enumeration of game ids; default 20. */
  readonly missRun?: number;
  /** Feed client tuning (timeouts, retries, breaker), e.g. short ones in tests. */
  readonly feed?: Omit<NbaFeedClientOptions, 'baseUrl' | 'observer'>;
  /** Aborting stops the pull: what is written stays, the dataset and report are brought up to date. */
  readonly signal?: AbortSignal;
  readonly progress?: PullProgress;
}

export interface ResolvedPullOptions extends Required<Pick<PullOptions, 'season' | 'to' | 'feedUrl' | 'concurrency' | 'missRun'>> {
  readonly feed: NonNullable<PullOptions['feed']>;
  readonly signal: AbortSignal | undefined;
  readonly progress: PullProgress | undefined;
}

export function resolvePullOptions(o: PullOptions): ResolvedPullOptions {
  const m = /^(\d{4})-(\d{2})$/.exec(String(o.season));
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) invalid(`season must be like 2024-25, got ${JSON.stringify(o.season)}`);
  if (typeof o.to !== 'string' || o.to === '') invalid(`the target folder must be a path, got ${JSON.stringify(o.to)}`);
  const concurrency = o.concurrency ?? MAX_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) invalid(`concurrency must be an integer 1..${MAX_CONCURRENCY}, got ${String(o.concurrency)}`);
  const missRun = o.missRun ?? DEFAULT_MISS_RUN;
  if (!Number.isInteger(missRun) || missRun < 1) invalid(`miss run must be a positive integer, got ${String(o.missRun)}`);
  const feedUrl = o.feedUrl ?? DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^/]/.test(feedUrl)) invalid(`feed URL must be an http(s) URL, got ${JSON.stringify(feedUrl)}`);
  return { season: o.season, to: o.to, feedUrl, concurrency, missRun, feed: o.feed ?? {}, signal: o.signal, progress: o.progress };
}

function invalid(message: string): never {
  throw new PullError('invalid_option', message);
}

/**
 * Delays between attempts: exponential with full jitter (cockatiel's generator), except when the
 * server said how long to wait (`Retry-After` on a 429 or 503), which wins up to a cap so a
 * misbehaving header cannot park the poll loop for an hour.
 */
import { ExponentialBackoff, fullJitterGenerator } from 'cockatiel';
import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { FeedError } from './errors.ts';

type Context = IRetryBackoffContext<unknown>;

export interface BackoffOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export function feedBackoff(options: BackoffOptions): IBackoffFactory<Context> {
  const exponential = new ExponentialBackoff({
    generator: fullJitterGenerator,
    initialDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs,
  });
  const step = (inner: IBackoff<unknown>, context: Context): IBackoff<Context> => ({
    duration: retryAfterOf(context, options.maxRetryAfterMs) ?? inner.duration,
    next: (nextContext) => step(inner.next(nextContext), nextContext),
  });
  return { next: (context) => step(exponential.next(), context) };
}

function retryAfterOf(context: Context, capMs: number): number | undefined {
  const failure = context.result;
  if (!('error' in failure) || !(failure.error instanceof FeedError)) return undefined;
  const asked = failure.error.retryAfterMs;
  return asked === undefined ? undefined : Math.min(asked, capMs);
}

/** `Retry-After` is either delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What a user sets of the feed (flags, environment); retries, backoff and the rest are code's, in `options.ts`. */
import { z } from 'zod';
import { httpUrl, integerIn, number } from '../config/fields.ts';
import { DEFAULT_BASE_URL } from './endpoints.ts';

export const FeedConfig = z.object({
  feedUrl: httpUrl().default(DEFAULT_BASE_URL),
  /** Scoreboard cadence while games are live (slower when none is, and at halftime). */
  pollSeconds: number([(n) => n >= 1 && n <= 600, 'a number of seconds from 1 to 600']).default(10),
  /** How long one feed request may take, retries aside; the feed client's default (5 s) when unset. */
  feedTimeoutMs: number(integerIn(100, 120_000)).optional().meta({ env: 'COURTSIDE_FEED_TIMEOUT_MS' }),
});

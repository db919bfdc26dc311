/** What the page says when the server's NBA feed is failing or silent: one line, in words. */
import type { FeedCondition, FeedProblem } from '../../packages/client/src/index.ts';

const CAUSES: Readonly<Record<string, string>> = {
  forbidden: 'access denied',
  not_found: 'not found',
  rate_limited: 'rate limited',
  server_error: 'server error',
  http_error: 'HTTP error',
  timeout: 'timed out',
  network: 'no connection',
  invalid_json: 'invalid JSON',
  schema_mismatch: 'unexpected data',
  body_too_large: 'response too large',
};

/** "HH:MM" on a 24-hour clock, in the browser's zone unless told. */
export function clockTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** "access denied, HTTP 403"; an open breaker names the failure that opened it. */
export function causeText(problem: FeedProblem): string {
  if (problem.code === 'circuit_open') {
    const last = /last: ([a-z_]+)/.exec(problem.message)?.[1];
    return `${last ? `${CAUSES[last] ?? last}, ` : ''}retries paused`;
  }
  const status = /^(\d{3}) /.exec(problem.message)?.[1];
  const words = CAUSES[problem.code] ?? problem.code.replace(/_/g, ' ');
  return status ? `${words}, HTTP ${status}` : words;
}

/** Null while the feed is fine (or the server has not said). */
export function feedAlert(feed: FeedCondition | null, timeZone?: string): string | null {
  if (!feed || feed.state === 'ok') return null;
  const since = clockTime(feed.since, timeZone);
  if (feed.state === 'stale') return `NBA feed silent since ${since} (no answer for over a minute)`;
  return `NBA feed unreachable since ${since} (${feed.last_error ? causeText(feed.last_error) : 'failing'})`;
}

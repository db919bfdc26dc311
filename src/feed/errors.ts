/**
 * The one error type of the feed client. Every way a request to the NBA CDN can go wrong ends up
 * here with a stable `code`, so the pipeline can count and log by code without parsing messages,
 * and the message alone tells a person which URL failed, with what status and why.
 */
import { STATUS_CODES } from 'node:http';
import { CourtsideError } from '../errors.ts';

export const FEED_ERROR_CODES = [
  'forbidden',
  'not_found',
  'rate_limited',
  'server_error',
  'http_error',
  'timeout',
  'network',
  'invalid_json',
  'schema_mismatch',
  'circuit_open',
  'body_too_large',
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

/** Failures that can go away on their own: only these are retried and only these trip the breaker. */
const TRANSIENT: ReadonlySet<FeedErrorCode> = new Set(['rate_limited', 'server_error', 'timeout', 'network']);

export interface FeedErrorInit {
  readonly url: string;
  readonly status?: number | undefined;
  /** What was wrong, in words: `HTML page "Access Denied"`, `truncated JSON …`. */
  readonly detail: string;
  /** How long the server asked us to wait (429/503 `Retry-After`), already in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

export class FeedError extends CourtsideError<FeedErrorCode> {
  readonly url: string;
  readonly status: number | undefined;
  readonly detail: string;
  readonly retryAfterMs: number | undefined;

  constructor(code: FeedErrorCode, init: FeedErrorInit) {
    super(code, formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.url = init.url;
    this.status = init.status;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** True for failures worth another attempt (5xx, 429, timeouts, network). */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

export function isTransientFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError && error.transient;
}

/** `403 Forbidden from <url>: <detail>`, or `<detail> from <url>` when no response came back. */
function formatMessage({ url, status, detail }: FeedErrorInit): string {
  if (status === undefined) return `${detail} from ${url}`;
  const text = STATUS_CODES[status];
  return `${status}${text ? ` ${text}` : ''} from ${url}: ${detail}`;
}

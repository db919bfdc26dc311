/**
 * One HTTP attempt at one document: send, classify the status, read, parse, validate. Every
 * failure leaves here as a `FeedError` naming the URL, the status and what was wrong; retries,
 * timeouts and the breaker are the client's business.
 */
import type { z } from 'zod';
import { declaredLength, readBody } from './body.ts';
import type { ValidatorCache } from './conditional.ts';
import { describeBody, describeJsonProblem, describeSchemaIssues } from './diagnose.ts';
import { parseRetryAfter } from './backoff.ts';
import { FeedError } from './errors.ts';
import type { FeedErrorCode } from './errors.ts';
import type { ResponseTap } from './tap.ts';

export type FeedResult<T> =
  | { readonly kind: 'fresh'; readonly document: T; readonly receivedAt: number }
  | { readonly kind: 'not_modified'; readonly receivedAt: number };

/** What validates a parsed body: a zod schema, or anything answering like one. */
export interface DocumentSchema<T> {
  safeParse(json: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
}

/** Enough of an error page to name it (its `<title>`, the start of its text); the rest is not read. */
const ERROR_BODY_BYTES = 64 * 1024;

/** Turns a body's bytes into JSON values, throwing a SyntaxError like `JSON.parse` for a bad one. */
export type BodyReader = (url: string, body: Uint8Array) => unknown;

const utf8 = new TextDecoder();

/** The whole body through `JSON.parse`; the BOM, if any, dropped as `Response.text()` does. */
export const parseWhole: BodyReader = (_url, body) => JSON.parse(utf8.decode(body));

export interface AttemptSetup<T> {
  readonly url: string;
  readonly read: BodyReader;
  readonly schema: DocumentSchema<T>;
  readonly headers: Readonly<Record<string, string>>;
  readonly validators: ValidatorCache;
  readonly timeoutMs: number;
  /** The largest body read, and the option that set it (for the error message). */
  readonly bodyLimit: { readonly bytes: number; readonly option: string };
  readonly now: () => number;
  /** The caller's own signal: its abort is a shutdown, not a timeout, and is rethrown as is. */
  readonly callerSignal?: AbortSignal | undefined;
  /** Receives the status of each response, for the observer. */
  readonly onStatus: (status: number) => void;
  readonly tap?: ResponseTap | undefined;
}

const NO_BODY = new Uint8Array(0);

export async function attempt<T>(setup: AttemptSetup<T>, signal: AbortSignal): Promise<FeedResult<T>> {
  const { url, validators } = setup;
  const headers = { ...setup.headers, ...validators.conditionalHeaders(url) };
  const sentAt = setup.now();
  const tap = (r: Response, body: Uint8Array) => setup.tap?.({ url, status: r.status, headers: r.headers, body, sentAt, receivedAt: setup.now() });
  let response: Response;
  try {
    response = await fetch(url, { headers, signal });
  } catch (error) {
    throw transportError(setup, signal, error, undefined);
  }
  const { status } = response;
  setup.onStatus(status);
  if (status === 304) {
    await response.body?.cancel();
    await tap(response, NO_BODY);
    if (validators.has(url)) return { kind: 'not_modified', receivedAt: setup.now() };
    throw new FeedError('http_error', { url, status, detail: 'a 304 answered a request that had no validators' });
  }
  const ok = status >= 200 && status <= 299;
  const { bytes: limit } = setup.bodyLimit;
  const declared = declaredLength(response.headers);
  if (ok && declared !== undefined && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(setup, status, `declared ${declared} bytes (Content-Length); not read`);
  }
  let body;
  try {
    body = await readBody(response, ok ? limit : ERROR_BODY_BYTES);
  } catch (error) {
    throw transportError(setup, signal, error, status);
  }
  if (ok && !body.complete) throw tooLarge(setup, status, `reading stopped at ${limit} bytes`);
  // Only whole bodies reach the tap: one cut off at the limit is a failed request, not a response.
  await tap(response, body.bytes);
  if (!ok) throw statusError(url, status, utf8.decode(body.bytes), response.headers);
  return { kind: 'fresh', document: validate(setup, status, body.bytes, response.headers), receivedAt: setup.now() };
}

function tooLarge(setup: AttemptSetup<unknown>, status: number, what: string): FeedError {
  const { bytes, option } = setup.bodyLimit;
  setup.validators.forget(setup.url);
  return new FeedError('body_too_large', { url: setup.url, status, detail: `body over the limit of ${bytes} bytes (${option}): ${what}` });
}

function validate<T>(setup: AttemptSetup<T>, status: number, body: Uint8Array, headers: Headers): T {
  const { url, validators } = setup;
  validators.forget(url);
  let json: unknown;
  try {
    json = setup.read(url, body);
  } catch (error) {
    throw new FeedError('invalid_json', { url, status, detail: describeJsonProblem(utf8.decode(body), error), cause: error });
  }
  const parsed = setup.schema.safeParse(json);
  if (!parsed.success) {
    throw new FeedError('schema_mismatch', { url, status, detail: describeSchemaIssues(parsed.error), cause: parsed.error });
  }
  validators.remember(url, headers);
  return parsed.data;
}

function statusError(url: string, status: number, body: string, headers: Headers): FeedError {
  const code = statusCode(status);
  const retryAfterMs = code === 'rate_limited' || code === 'server_error' ? parseRetryAfter(headers.get('retry-after')) : undefined;
  const wait = retryAfterMs === undefined ? '' : `; asked to retry after ${retryAfterMs} ms`;
  return new FeedError(code, { url, status, detail: `${describeBody(body)}${wait}`, retryAfterMs });
}

function statusCode(status: number): FeedErrorCode {
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'http_error';
}

function transportError(setup: AttemptSetup<unknown>, signal: AbortSignal, error: unknown, status: number | undefined): unknown {
  const { url, callerSignal, timeoutMs } = setup;
  if (callerSignal?.aborted) return callerSignal.reason;
  const when = status === undefined ? 'no response' : 'body not complete';
  if (signal.aborted) return new FeedError('timeout', { url, status, detail: `${when} within ${timeoutMs} ms`, cause: error });
  const where = status === undefined ? 'network error' : 'connection lost while reading the body';
  return new FeedError('network', { url, status, detail: `${where} (${networkReason(error)})`, cause: error });
}

/** undici wraps the socket error: `fetch failed` ← `UND_ERR_SOCKET: other side closed`. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
}

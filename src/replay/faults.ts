/**
 * Ways the fake CDN can misbehave on purpose, so the feed client and the pipeline can be tested
 * against everything the real one does: refusals, errors, rate limits, silence, dropped
 * connections, cut-off bodies and wrong documents.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { DocumentKind } from './documents.ts';

export interface FaultRequest {
  readonly method: string;
  /** The path as requested, e.g. `/static/json/liveData/playbyplay/playbyplay_0021700001.json`. */
  readonly path: string;
  /** Which document the path names; undefined for unknown paths. */
  readonly kind: DocumentKind | undefined;
  readonly gameId: string | undefined;
  readonly headers: IncomingHttpHeaders;
  /** The simulated instant of the request, epoch ms. */
  readonly now: number;
  /** 1 for the first request the server received, then 2, 3, … */
  readonly count: number;
}

export type Fault =
  /** An answer of its own instead of the document (403 HTML, 500, 429 with Retry-After, …). */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { readonly kind: 'hang' }
  /** Drops the connection without answering. */
  | { readonly kind: 'reset' }
  /**
   * Sends only the first `bytes` of the document (default: half). With `abort`, the full length is
   * announced and the connection dropped mid-body; without, the short body ends cleanly (chunked),
   * so the client sees a complete response holding truncated JSON.
   */
  | { readonly kind: 'truncate'; readonly bytes?: number; readonly abort?: boolean }
  /** Serves the document rewritten (a field dropped, an action deleted, …) for this request only. */
  | { readonly kind: 'transform'; readonly transform: (doc: Record<string, unknown>) => unknown };

export type FaultInjector = (request: FaultRequest) => Fault | undefined;

/** Rewrites every document served (after it is built, before it is serialized). */
export type DocumentTransform = (kind: DocumentKind, gameId: string | undefined, doc: Record<string, unknown>) => unknown;

/** The HTML page Akamai serves with a 403, as the real CDN does. */
export function accessDeniedPage(url: string): string {
  const escaped = url.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<HTML><HEAD>',
    '<TITLE>Access Denied</TITLE>',
    '</HEAD><BODY>',
    '<H1>Access Denied</H1>',
    ' ',
    `You don't have permission to access "${escaped}" on this server.<P>`,
    'Reference&#32;&#35;18&#46;courtside&#46;replay',
    '</BODY>',
    '</HTML>',
    '',
  ].join('\n');
}

export function accessDenied(url = 'http://cdn.nba.com/'): Fault {
  return { kind: 'status', status: 403, body: accessDeniedPage(url), headers: { 'Content-Type': 'text/html' } };
}

export function serverError(): Fault {
  return { kind: 'status', status: 500, body: '<html><body>Internal Server Error</body></html>', headers: { 'Content-Type': 'text/html' } };
}

export function tooManyRequests(retryAfterSeconds: number): Fault {
  return {
    kind: 'status',
    status: 429,
    body: 'Too Many Requests',
    headers: { 'Content-Type': 'text/plain', 'Retry-After': String(retryAfterSeconds) },
  };
}

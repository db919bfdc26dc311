/**
 * The fake CDN's request handling, in the order the real one applies it: injected faults first
 * (they stand for the network and the CDN misbehaving), then the Referer check every request must
 * pass, then routing, then the document as of the simulated instant, with ETag/Last-Modified
 * validation (304), gzip when asked, and a 403 page for games that have not started.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { boxscoreDocument, playByPlayDocument, scoreboardDocument } from './documents.ts';
import { accessDeniedPage, type DocumentTransform, type Fault, type FaultInjector } from './faults.ts';
import { publishedCount } from './game-state.ts';
import { acceptsGzip, notModified, ValidatorStore, type DocumentValidators } from './http-cache.ts';
import type { Night, NightGame } from './night.ts';
import type { ReplayClock } from './replay-clock.ts';
import { routeOf, type Route } from './routes.ts';
import { scheduleDocument } from './schedule-document.ts';

export interface CdnContext {
  readonly night: Night;
  readonly clock: ReplayClock;
  readonly faults?: FaultInjector | undefined;
  readonly transform?: DocumentTransform | undefined;
  /** Told about requests that failed inside the server (a throwing transform), which answer 500. */
  readonly onError?: ((error: unknown, path: string) => void) | undefined;
}

const NBA_REFERER = 'https://www.nba.com/';

/** A play-by-play body as last served, good while the game has published as many actions. */
interface Encoded {
  readonly published: number;
  readonly body: string;
  readonly validators: DocumentValidators;
  gzip?: Buffer;
}

export function createCdnHandler(ctx: CdnContext): (req: IncomingMessage, res: ServerResponse) => void {
  const games = new Map(ctx.night.games.map((g) => [g.gameId, g]));
  const validators = new ValidatorStore();
  /**
   * Play-by-play only changes when an action is published, but is polled every few seconds: built,
   * hashed and compressed once per change, the CDN's work stays off the CPU the service needs.
   */
  const encoded = new Map<string, Encoded>();
  let count = 0;
  return (req, res) => {
    count++;
    const path = (req.url ?? '/').split('?')[0] as string;
    try {
      serve(req, res, path, count);
    } catch (error) {
      ctx.onError?.(error, path);
      if (!res.headersSent) sendText(res, 500, `fake CDN failed on ${path}: ${(error as Error).message}\n`, 'text/plain');
      else res.destroy();
    }
  };

  function serve(req: IncomingMessage, res: ServerResponse, path: string, n: number): void {
    const route = routeOf(path);
    const now = ctx.clock.now();
    const method = req.method ?? 'GET';
    const fault = ctx.faults?.({ method, path, kind: route?.kind, gameId: route?.gameId, headers: req.headers, now, count: n });
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') return sendText(res, fault.status, fault.body ?? '', 'text/plain', fault.headers);
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', 'text/plain', { Allow: 'GET, HEAD' });
    const denied = (): void => sendText(res, 403, accessDeniedPage(`http://cdn.nba.com${path}`), 'text/html');
    if (!String(req.headers.referer ?? '').startsWith(NBA_REFERER)) return denied();
    if (!route) return sendText(res, 404, `Not Found: ${path}\n`, 'text/plain');
    const game = route.gameId === undefined ? undefined : games.get(route.gameId);
    if (route.gameId !== undefined && !game) return sendText(res, 404, `Not Found: ${path}\n`, 'text/plain');
    // Like the real CDN: a game's documents do not exist until it has tipped off.
    if (game && publishedCount(game, now) === 0) return denied();

    const { body, validators: v, entry } = represent(route, game, path, now, fault);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ETag: v.etag,
      'Last-Modified': new Date(v.lastModified).toUTCString(),
      Vary: 'Accept-Encoding',
    };
    if (notModified(req.headers, v)) return void res.writeHead(304, headers).end();
    if (fault?.kind === 'truncate') return truncated(res, headers, Buffer.from(body), fault);
    const gzip = acceptsGzip(req.headers);
    const payload = gzip ? (entry ? (entry.gzip ??= compress(body)) : compress(body)) : Buffer.from(body);
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(payload.length);
    res.writeHead(200, headers);
    res.end(method === 'HEAD' ? undefined : payload);
  }

  /** The body at `path` now, with its validators; from the cache when nothing was published since. */
  function represent(route: Route, game: NightGame | undefined, path: string, now: number, fault: Fault | undefined) {
    // Transforms and faults may change any body on any request: those are never cached.
    const cacheable = route.kind === 'playbyplay' && game !== undefined && !ctx.transform && !fault;
    const published = game ? publishedCount(game, now) : 0;
    const known = encoded.get(path);
    if (cacheable && known?.published === published) return { body: known.body, validators: known.validators, entry: known };
    const body = serialize(documentFor(route, game, now), route, fault);
    const v = validators.validate(path, body, now);
    if (!cacheable) {
      encoded.delete(path);
      return { body, validators: v, entry: undefined };
    }
    const entry: Encoded = { published, body, validators: v };
    encoded.set(path, entry);
    return { body, validators: v, entry };
  }

  function documentFor(route: Route, game: NightGame | undefined, now: number): Record<string, unknown> {
    if (route.kind === 'scoreboard') return scoreboardDocument(ctx.night, now);
    if (route.kind === 'schedule') return scheduleDocument(ctx.night, now);
    const g = game as NightGame;
    return route.kind === 'playbyplay' ? playByPlayDocument(g, now) : boxscoreDocument(g, now);
  }

  function serialize(doc: Record<string, unknown>, route: Route, fault: Fault | undefined): string {
    let out: unknown = ctx.transform ? ctx.transform(route.kind, route.gameId, doc) : doc;
    if (fault?.kind === 'transform') out = fault.transform(out as Record<string, unknown>);
    // A transform may hand back raw text on purpose (a body that is not JSON at all).
    return typeof out === 'string' ? out : JSON.stringify(out);
  }
}

function truncated(res: ServerResponse, headers: Record<string, string>, body: Buffer, fault: { bytes?: number; abort?: boolean }): void {
  const part = body.subarray(0, Math.max(0, Math.min(body.length - 1, fault.bytes ?? Math.floor(body.length / 2))));
  if (fault.abort) {
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.write(part, () => res.destroy());
    return;
  }
  res.writeHead(200, headers);
  res.end(part);
}

function sendText(res: ServerResponse, status: number, body: string, type: string, extra: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

/**
 * The fastest gzip level: the fake CDN shares the machine with the service it feeds, and the
 * service's cost (inflating) is the same whatever level the body was deflated at.
 */
function compress(body: string): Buffer {
  return gzipSync(body, { level: 1 });
}

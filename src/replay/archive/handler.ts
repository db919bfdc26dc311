/**
 * The archive's CDN: each request answered with the recorded response current at the simulated
 * instant, byte for byte (status, headers, body as received; 403 pages and 429s included), and
 * a conditional request answered 304 when the recorded document still carries the validator the
 * client sent, as the CDN did.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArchiveRecord } from '../../archive/records.ts';
import { notModified } from '../http-cache.ts';
import type { ReplayClock } from '../replay-clock.ts';
import { LIVE_DATA_PATH } from '../routes.ts';
import type { ArchiveTimeline } from './timeline.ts';

export interface ArchiveCdnContext {
  readonly timeline: ArchiveTimeline;
  readonly clock: ReplayClock;
  /** Told about requests that failed inside the server, which answer 500. */
  readonly onError?: ((error: unknown, path: string) => void) | undefined;
}

/** What a 304 repeats of the response it stands for (RFC 9110 §15.4.5). */
const NOT_MODIFIED_HEADERS = ['etag', 'last-modified', 'cache-control', 'expires', 'vary', 'date', 'content-location'];

export function createArchiveHandler(ctx: ArchiveCdnContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    serve(req, res, path).catch((error: unknown) => {
      ctx.onError?.(error, path);
      if (!res.headersSent) sendText(res, 500, `archive replay failed on ${path}: ${(error as Error).message}\n`);
      else res.destroy();
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    const now = ctx.clock.now();
    const recorded = path.startsWith(`${LIVE_DATA_PATH}/`) ? await ctx.timeline.lookup(path.slice(LIVE_DATA_PATH.length), now) : undefined;
    if (!recorded) return sendText(res, 404, `Not Found: ${path} is not in the archive as of ${new Date(now).toISOString()}\n`);
    const fresh = recorded.status >= 200 && recorded.status < 300;
    if (fresh && notModified(req.headers, validatorsOf(recorded))) {
      const headers = Object.fromEntries(NOT_MODIFIED_HEADERS.flatMap((name) => (recorded.headers[name] === undefined ? [] : [[name, recorded.headers[name]]])));
      return void res.writeHead(304, headers).end();
    }
    res.writeHead(recorded.status, { ...recorded.headers, 'content-length': String(recorded.body.length) });
    res.end(method === 'HEAD' ? undefined : recorded.body);
  }
}

function validatorsOf(record: ArchiveRecord): { etag?: string; lastModified?: number } {
  const lastModified = Date.parse(record.headers['last-modified'] ?? '');
  return {
    ...(record.headers.etag === undefined ? {} : { etag: record.headers.etag }),
    ...(Number.isFinite(lastModified) ? { lastModified } : {}),
  };
}

function sendText(res: ServerResponse, status: number, body: string, extra: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

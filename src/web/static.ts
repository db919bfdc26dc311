import { createReadStream, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlOf, contentTypeOf } from './content-types.ts';
import { WebError } from './errors.ts';
import { requestSegments } from './request-path.ts';

export interface StaticOptions {
  /** The built dashboard (`web/dist`); nothing outside it is ever served. */
  readonly root: string;
}

/** Serves the request and returns true, or returns false when it is not ours to answer. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The page may talk to its own origin only (the WebSocket included): even a compromised bundle
 * cannot phone another host. `'self'` covers same-origin ws:/wss: in CSP level 3 browsers.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Static files of the built dashboard. Answers every GET and HEAD (a file, a 304 or a 404) and
 * leaves other methods to the caller, so mount other GET routes before it.
 */
export function createStaticHandler(options: StaticOptions): StaticHandler {
  if (typeof options?.root !== 'string' || options.root === '') {
    throw new WebError('invalid_option', 'createStaticHandler: options.root must be a non-empty string');
  }
  const root = realRoot(options.root);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    serve(root, req, res).catch(() => {
      if (!res.headersSent) notFound(res);
      else res.destroy();
    });
    return true;
  };
}

function realRoot(root: string): string {
  try {
    const real = realpathSync(path.resolve(root));
    if (statSync(real).isDirectory()) return real;
  } catch {
    // Reported below with the path the caller gave.
  }
  throw new WebError('web_root', `createStaticHandler: root ${root} is not a directory`);
}

async function serve(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const segments = requestSegments(req.url);
  if (!segments) return notFound(res);
  // realpath resolves symlinks, so a link pointing out of the root is caught by the prefix test.
  const file = await realpath(path.join(root, ...segments)).catch(() => null);
  if (!file?.startsWith(root + path.sep)) return notFound(res);
  const info = await stat(file);
  if (!info.isFile()) return notFound(res);

  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  res.setHeader('Cache-Control', cacheControlOf(segments));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (isFresh(req, etag, info.mtime)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const type = contentTypeOf(file);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', info.size);
  if (type.startsWith('text/html')) {
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = createReadStream(file);
  body.on('error', () => res.destroy());
  body.pipe(res);
}

function isFresh(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined) {
    // Weak comparison (RFC 9110 13.1.2): the W/ prefix does not matter.
    const bare = etag.replace(/^W\//, '');
    return match.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === bare);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

function notFound(res: ServerResponse): void {
  const body = 'Not Found\n';
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/**
 * Validators of the fake CDN's documents, like the real CDN's S3 objects: an `ETag` from the
 * content, and a `Last-Modified` that is the simulated time the content last changed. Each change
 * moves `Last-Modified` by at least a second (HTTP dates have no finer grain), so a client relying
 * on `If-Modified-Since` alone is never told a changed document is unchanged.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface DocumentValidators {
  readonly etag: string;
  /** Epoch ms, whole seconds. */
  readonly lastModified: number;
}

export class ValidatorStore {
  readonly #byPath = new Map<string, DocumentValidators>();

  /** The validators of `body` served at `path` at simulated time `now`. */
  validate(path: string, body: string, now: number): DocumentValidators {
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const known = this.#byPath.get(path);
    if (known?.etag === etag) return known;
    const second = Math.floor(now / 1000) * 1000;
    const lastModified = known ? Math.max(second, known.lastModified + 1000) : second;
    const next = { etag, lastModified };
    this.#byPath.set(path, next);
    return next;
  }
}

/**
 * RFC 9110: `If-None-Match` decides when present; otherwise `If-Modified-Since`. A recorded
 * response may lack either validator; a missing one never matches.
 */
export function notModified(headers: IncomingHttpHeaders, v: Partial<DocumentValidators>): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || (v.etag !== undefined && (t === v.etag || t === `W/${v.etag}`));
    });
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || v.lastModified === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && v.lastModified <= since;
}

export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const accept = headers['accept-encoding'];
  if (typeof accept !== 'string') return false;
  return accept.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

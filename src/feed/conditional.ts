/**
 * The validators (`ETag`, `Last-Modified`) of the last fresh, valid response of each URL, echoed
 * back as `If-None-Match` / `If-Modified-Since` so an unchanged document costs a 304 and no
 * parsing. Only documents that passed validation are remembered: after a bad body, the next
 * request asks for the whole document again instead of being told "nothing changed".
 */

export interface Validators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** A night has ~15 games, each with two documents; the cap only guards against a leak over weeks. */
const DEFAULT_CAPACITY = 512;

export class ValidatorCache {
  readonly #byUrl = new Map<string, Validators>();
  readonly #capacity: number;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  /** Request headers that make the CDN answer 304 when `url` has not changed. */
  conditionalHeaders(url: string): Record<string, string> {
    const known = this.#byUrl.get(url);
    const headers: Record<string, string> = {};
    if (known?.etag) headers['If-None-Match'] = known.etag;
    if (known?.lastModified) headers['If-Modified-Since'] = known.lastModified;
    return headers;
  }

  has(url: string): boolean {
    return this.#byUrl.has(url);
  }

  remember(url: string, headers: Headers): void {
    const etag = headers.get('etag') ?? undefined;
    const lastModified = headers.get('last-modified') ?? undefined;
    this.#byUrl.delete(url);
    if (!etag && !lastModified) return;
    this.#byUrl.set(url, { etag, lastModified });
    // Maps iterate in insertion order, so the first key is the least recently refreshed URL.
    if (this.#byUrl.size > this.#capacity) this.#byUrl.delete(this.#byUrl.keys().next().value as string);
  }

  forget(url: string): void {
    this.#byUrl.delete(url);
  }
}

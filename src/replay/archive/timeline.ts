/**
 * What a recorded night showed at a simulated instant: for each document, the response that had
 * last arrived by then. A recorded 304 means "still the last 200", so it stands for that 200.
 * Responses are decompressed as the clock reaches them, so memory holds one response per
 * document, not the night.
 *
 * A document asked for a moment before the recorder first fetched it (the recorder fetched it in
 * the same poll, right after the scoreboard that made the service ask) gets that first fetch, if
 * it came within `peekMs`; anything else never fetched by then is not in the archive.
 */
import type { ArchivedResponse, ArchiveReader } from '../../archive/reader.ts';
import type { ArchiveRecord } from '../../archive/records.ts';

/** The longest wait between two polls of the service's cadence (feed ms). */
export const DEFAULT_PEEK_MS = 60_000;

interface Entry {
  /** The document's path under the feed's base URL, e.g. `/scoreboard/todaysScoreboard_00.json`. */
  readonly path: string;
  readonly record: ArchiveRecord;
  /** Arrival, never before the entry before it (a restarted recording may restart its clock). */
  readonly at: number;
}

export interface ArchiveTimelineOptions {
  readonly peekMs?: number;
  /** Told once if the archive turns out damaged past what was checked at open; what was read stays served. */
  readonly onError?: (error: unknown) => void;
}

export class ArchiveTimeline {
  readonly #source: AsyncIterator<ArchivedResponse>;
  readonly #peekMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #current = new Map<string, ArchiveRecord>();
  readonly #lastFresh = new Map<string, ArchiveRecord>();
  #ahead: Entry[] = [];
  #exhausted = false;
  #lastAt = Number.NEGATIVE_INFINITY;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(reader: ArchiveReader, options: ArchiveTimelineOptions = {}) {
    this.#source = reader.responses();
    this.#peekMs = options.peekMs ?? DEFAULT_PEEK_MS;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** The response to serve for `path` at simulated time `t`, or undefined when the archive has none. */
  lookup(path: string, t: number): Promise<ArchiveRecord | undefined> {
    const run = this.#chain.then(async () => {
      await this.#advance(t);
      const current = this.#current.get(path);
      if (current) return current;
      await this.#load(t + this.#peekMs);
      return this.#ahead.find((e) => e.path === path && e.at <= t + this.#peekMs && e.record.status !== 304)?.record;
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #advance(t: number): Promise<void> {
    await this.#load(t);
    let applied = 0;
    while (applied < this.#ahead.length && (this.#ahead[applied] as Entry).at <= t) this.#apply(this.#ahead[applied++] as Entry);
    if (applied > 0) this.#ahead = this.#ahead.slice(applied);
  }

  #apply({ path, record }: Entry): void {
    if (record.status === 304) {
      const fresh = this.#lastFresh.get(path);
      if (fresh) this.#current.set(path, fresh);
      return;
    }
    this.#current.set(path, record);
    if (record.status >= 200 && record.status < 300) this.#lastFresh.set(path, record);
  }

  /** Decompresses until a response after `until` is in hand (or the archive ends). */
  async #load(until: number): Promise<void> {
    while (!this.#exhausted && !((this.#ahead.at(-1)?.at ?? Number.NEGATIVE_INFINITY) > until)) {
      let next: IteratorResult<ArchivedResponse>;
      try {
        next = await this.#source.next();
      } catch (error) {
        this.#exhausted = true;
        this.#onError(error);
        return;
      }
      if (next.done) {
        this.#exhausted = true;
        return;
      }
      const { record, segment } = next.value;
      this.#lastAt = Math.max(this.#lastAt, record.receivedAt);
      this.#ahead.push({ path: pathOf(record.url, segment.feedUrl), record, at: this.#lastAt });
    }
  }
}

/** The URL's path under the recorded feed's base URL (its own path when it is not under it). */
export function pathOf(url: string, feedUrl: string): string {
  if (url.startsWith(`${feedUrl}/`)) return url.slice(feedUrl.length);
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * What a recorded night showed at a simulated instant: for each document, the response that had
 * last arrived by then. A recorded 304 means "still the last 200", so it stands for that 200.
 * Responses are decompressed as the clock reaches them, so memory holds one response per
 * document, not the night.
 *
 * A document asked for before the recorder first fetched it gets that first fetch if it belongs
 * to the poll whose scoreboard is current (no scoreboard came between): the service asks for a
 * game's play-by-play because that scoreboard shows the game on, and the recorder, deciding the
 * same way, fetched it right after the same scoreboard. Anything else not fetched yet is not in
 * the archive.
 */
import type { ArchivedResponse, ArchiveReader } from '../../archive/reader.ts';
import type { ArchiveRecord } from '../../archive/records.ts';
import { endpointUrl } from '../../feed/endpoints.ts';

/** Each recorder poll starts with the scoreboard: its responses mark where one poll ends. */
const SCOREBOARD_PATH = endpointUrl('', 'scoreboard');

interface Entry {
  /** The document's path under the feed's base URL, e.g. `/scoreboard/todaysScoreboard_00.json`. */
  readonly path: string;
  readonly record: ArchiveRecord;
  /** Arrival, never before the entry before it (a restarted recording may restart its clock). */
  readonly at: number;
}

export interface ArchiveTimelineOptions {
  /** Told once if the archive turns out damaged past what was checked at open; what was read stays served. */
  readonly onError?: (error: unknown) => void;
}

export class ArchiveTimeline {
  readonly #source: AsyncIterator<ArchivedResponse>;
  readonly #onError: (error: unknown) => void;
  readonly #current = new Map<string, ArchiveRecord>();
  readonly #lastFresh = new Map<string, ArchiveRecord>();
  #ahead: Entry[] = [];
  #exhausted = false;
  #lastAt = Number.NEGATIVE_INFINITY;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(reader: ArchiveReader, options: ArchiveTimelineOptions = {}) {
    this.#source = reader.responses();
    this.#onError = options.onError ?? (() => undefined);
  }

  /** The response to serve for `path` at simulated time `t`, or undefined when the archive has none. */
  lookup(path: string, t: number): Promise<ArchiveRecord | undefined> {
    const run = this.#chain.then(async () => {
      await this.#advance(t);
      return this.#current.get(path) ?? (await this.#firstInThisPoll(path));
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #advance(t: number): Promise<void> {
    for (;;) {
      if (this.#ahead.length === 0 && !(await this.#loadOne())) return;
      const next = this.#ahead[0] as Entry;
      if (next.at > t) return;
      this.#apply(next);
      this.#ahead.shift();
    }
  }

  async #firstInThisPoll(path: string): Promise<ArchiveRecord | undefined> {
    for (let i = 0; i < this.#ahead.length || (await this.#loadOne()); i++) {
      const entry = this.#ahead[i] as Entry;
      if (entry.path === path) return entry.record.status === 304 ? undefined : entry.record;
      if (entry.path === SCOREBOARD_PATH) return undefined;
    }
    return undefined;
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

  /** Decompresses the next response into `#ahead`; false at the end of the archive. */
  async #loadOne(): Promise<boolean> {
    if (this.#exhausted) return false;
    let next: IteratorResult<ArchivedResponse>;
    try {
      next = await this.#source.next();
    } catch (error) {
      this.#exhausted = true;
      this.#onError(error);
      return false;
    }
    if (next.done) {
      this.#exhausted = true;
      return false;
    }
    const { record, segment } = next.value;
    this.#lastAt = Math.max(this.#lastAt, record.receivedAt);
    this.#ahead.push({ path: pathOf(record.url, segment.feedUrl), record, at: this.#lastAt });
    return true;
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

/**
 * "Feed response received": the instant a feed document's body has fully arrived, before it is
 * parsed. Taken by wrapping the process's `fetch` (what the feed client calls), so the service
 * runs unchanged. Each stamp also notes the broadcaster's `seq` at that instant, which is enough to
 * tell which response caused a message: the pipeline handles the scoreboard before any
 * play-by-play, and one game's play-by-play once per cycle, so a message of game G with seq s
 * comes from the latest scoreboard or G play-by-play response stamped before s was published.
 */

interface Stamp {
  readonly at: number;
  readonly seqBefore: number;
}

const SCOREBOARD = 'scoreboard';
const PLAY_BY_PLAY = /playbyplay_(\d{10})\.json/;

export const monotonicNow = (): number => performance.timeOrigin + performance.now();

export class FeedStamps {
  readonly #byDocument = new Map<string, Stamp[]>();
  readonly #seq: () => number;
  responses = 0;
  /** Responses with a body, and those whose body was seen to its end: an instrument that misses bodies measures nothing. */
  readonly bodies = { read: 0, stamped: 0 };

  constructor(seq: () => number) {
    this.#seq = seq;
  }

  /** Replaces `globalThis.fetch` with a stamping one; returns the function that puts it back. */
  install(): () => void {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await original(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (response.body === null) {
        this.#record(url, monotonicNow()); // a 304: the response is complete with its headers
        return response;
      }
      // Stamped when the body's last chunk has passed, however the feed reads it (the feed reads
      // `body` with a size limit, never `arrayBuffer()`): the chunks pass through, uncopied.
      this.bodies.read += 1;
      const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        flush: () => {
          this.bodies.stamped += 1;
          this.#record(url, monotonicNow());
        },
      }));
      Object.defineProperty(response, 'body', { value: body });
      return response;
    };
    return () => {
      globalThis.fetch = original;
    };
  }

  /** Throws unless every body was stamped but the few in flight (or cancelled) when the run stopped. */
  assertComplete(inFlight: number): void {
    const { read, stamped } = this.bodies;
    if (read - stamped > inFlight) throw new Error(`feed stamps saw ${stamped} of ${read} response bodies to their end: the latency would be measured from older responses`);
  }

  /** When the response that caused message `seq` of `gameId` arrived; undefined if none was stamped. */
  causeOf(seq: number, gameId: string): number | undefined {
    const a = latestBefore(this.#byDocument.get(SCOREBOARD), seq);
    const b = latestBefore(this.#byDocument.get(gameId), seq);
    if (a === undefined) return b;
    return b === undefined ? a : Math.max(a, b);
  }

  #record(url: string, at: number): void {
    const key = url.includes('todaysScoreboard') ? SCOREBOARD : PLAY_BY_PLAY.exec(url)?.[1];
    if (key === undefined) return;
    let list = this.#byDocument.get(key);
    if (!list) this.#byDocument.set(key, (list = []));
    list.push({ at, seqBefore: this.#seq() });
    this.responses += 1;
  }
}

/** The last stamp taken before message `seq` existed (stamps are in time order, seq never decreases). */
function latestBefore(stamps: readonly Stamp[] | undefined, seq: number): number | undefined {
  if (!stamps) return undefined;
  let lo = 0;
  let hi = stamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stamps[mid] as Stamp).seqBefore < seq) lo = mid + 1;
    else hi = mid;
  }
  return stamps[lo - 1]?.at;
}

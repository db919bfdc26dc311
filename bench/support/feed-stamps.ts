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

  constructor(seq: () => number) {
    this.#seq = seq;
  }

  /** Replaces `globalThis.fetch` with a stamping one; returns the function that puts it back. */
  install(): () => void {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await original(input, init);
      // 304 and other null-body statuses must be rebuilt without a body.
      const body = response.status === 304 || response.status === 204 ? null : await response.arrayBuffer();
      this.#record(String(input instanceof Request ? input.url : input), monotonicNow());
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    return () => {
      globalThis.fetch = original;
    };
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

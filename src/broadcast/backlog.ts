/**
 * What a slow client is owed, held in the server's memory instead of its socket. Only the latest
 * `score_update` of each game is kept (a newer score makes the older one worthless); every other
 * message is kept, because forecasts and results are rare and must not be lost. Iteration is in
 * seq order, so the client never sees a seq go backwards.
 */
import type { Frame } from './history.ts';

export class Backlog {
  /** Insertion order is seq order: a replaced score is deleted and re-inserted at the end. */
  readonly #frames = new Map<string, Frame>();
  #dropped = 0;
  #bytes = 0;

  get size(): number {
    return this.#frames.size;
  }

  /** Wire bytes held, counted against the client's output budget. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Score updates superseded while held, i.e. never to be delivered. */
  get dropped(): number {
    return this.#dropped;
  }

  add(frame: Frame): void {
    this.#bytes += frame.wire.length;
    if (frame.type !== 'score_update') {
      this.#frames.set(`#${frame.seq}`, frame);
      return;
    }
    const key = `score:${frame.gameId}`;
    const replaced = this.#frames.get(key);
    if (replaced) {
      this.#frames.delete(key);
      this.#dropped += 1;
      this.#bytes -= replaced.wire.length;
    }
    this.#frames.set(key, frame);
  }

  /** Forgets everything held: a snapshot or a replay the client was just sent supersedes it. */
  clear(): void {
    this.#frames.clear();
    this.#bytes = 0;
  }

  /** Hands over everything held, oldest first, and empties the backlog. */
  drain(): Frame[] {
    const frames = [...this.#frames.values()];
    this.clear();
    return frames;
  }
}

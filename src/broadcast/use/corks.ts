/**
 * Holds the sockets written to during one burst of publishes and releases them together once the
 * burst's synchronous code is done. A scoreboard poll publishes a `score_update` per game in one
 * go; uncorked, that is one `writev` per message per client (15,000 syscalls for 15 games and
 * 1,000 clients), corked it is one per client, and the frames reach each client back to back.
 */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export class Corks {
  readonly #held = new Set<Corkable>();
  readonly #releaseAll = (): void => {
    for (const socket of this.#held) socket.uncork();
    this.#held.clear();
  };

  /** Corks `socket` until the end of the current burst (once per socket, however many writes). */
  hold(socket: Corkable): void {
    if (this.#held.has(socket)) return;
    // A microtask, not a timer: the burst's frames leave before any I/O callback can run.
    if (this.#held.size === 0) queueMicrotask(this.#releaseAll);
    socket.cork();
    this.#held.add(socket);
  }

  /** Whether `socket` is corked for the burst under way. */
  holds(socket: Corkable): boolean {
    return this.#held.has(socket);
  }

  get holding(): number {
    return this.#held.size;
  }
}

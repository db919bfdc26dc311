/**
 * Promises that resolve once every send buffer is empty. Sockets report no event when their
 * buffer empties, so pending waiters are re-checked on a short timer (and at once on a
 * disconnect); with nobody waiting, no timer runs.
 */
const CHECK_EVERY_MS = 10;

export class FlushWaiters {
  readonly #isFlushed: () => boolean;
  #waiters: Array<() => void> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(isFlushed: () => boolean) {
    this.#isFlushed = isFlushed;
  }

  wait(): Promise<void> {
    if (this.#isFlushed()) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#timer ??= setInterval(() => this.check(), CHECK_EVERY_MS);
    });
  }

  check(): void {
    if (this.#waiters.length === 0 || !this.#isFlushed()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const resolve of waiters) resolve();
  }
}

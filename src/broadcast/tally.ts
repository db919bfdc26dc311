/**
 * Counts by a fixed set of causes (why connections closed, were refused, were rate limited). Every
 * cause starts at 0, so `/metrics` shows each one from the first scrape, not only once it happened.
 */
export class Tally<K extends string> {
  readonly #counts: Record<K, number>;

  constructor(keys: readonly K[]) {
    this.#counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  }

  add(key: K): void {
    this.#counts[key] += 1;
  }

  get(key: K): number {
    return this.#counts[key];
  }

  /** A copy: later counts do not change what a caller already holds. */
  counts(): Readonly<Record<K, number>> {
    return { ...this.#counts };
  }
}

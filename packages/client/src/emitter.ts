/**
 * A small typed event emitter that runs in browsers and Node alike. A listener that throws does
 * not stop the others or the client: its error is rethrown on its own, where the runtime reports
 * uncaught errors.
 */
export type Listener<T> = (payload: T) => void;

/** Rethrown in a microtask: outside the client's own work, and reported like any uncaught error. */
function rethrow(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();
  readonly #report: (error: unknown) => void;

  constructor(report: (error: unknown) => void = rethrow) {
    this.#report = report;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

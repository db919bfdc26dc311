/**
 * At most one log line per key (a refusal cause, say) per interval: a burst of 2,000 refused
 * connections is one line, then one summary with the count of the rest, not 2,000 lines. Every
 * event is still counted on `/metrics`; this only decides what reaches the log.
 */
interface Window {
  /** Lines for this key are quiet until then (ms, on `now`'s clock). */
  readonly until: number;
  suppressed: number;
  timer: NodeJS.Timeout | undefined;
}

export class LogThrottle {
  readonly #intervalMs: number;
  readonly #summarize: (key: string, suppressed: number) => void;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  /** `summarize` logs the events of `key` held back in a window; it runs at the window's end. */
  constructor(intervalMs: number, summarize: (key: string, suppressed: number) => void, now: () => number = () => performance.now()) {
    this.#intervalMs = intervalMs;
    this.#summarize = summarize;
    this.#now = now;
  }

  /** True: log this event now. False: it is counted and summarized when the window ends. */
  admit(key: string): boolean {
    const now = this.#now();
    const due = this.#windows.get(key);
    // A window whose timer is late (a busy loop) ends here instead: nothing it held back is lost.
    if (due && now >= due.until) {
      if (due.suppressed > 0) this.#end(key, due, now);
      else this.#windows.delete(key);
    }
    const window = this.#windows.get(key);
    if (!window) {
      this.#windows.set(key, quiet(now + this.#intervalMs));
      return true;
    }
    window.suppressed += 1;
    window.timer ??= setTimeout(() => this.#due(key), Math.max(0, window.until - now)).unref();
    return false;
  }

  /** Summarizes what is held back now (at shutdown) and stops every timer. */
  flush(): void {
    for (const [key, window] of [...this.#windows]) {
      clearTimeout(window.timer);
      this.#windows.delete(key);
      if (window.suppressed > 0) this.#summarize(key, window.suppressed);
    }
  }

  #due(key: string): void {
    const window = this.#windows.get(key);
    if (!window) return;
    const now = this.#now();
    // Timers and `now` can disagree by a millisecond: never summarize early.
    if (now < window.until) {
      window.timer = setTimeout(() => this.#due(key), window.until - now).unref();
      return;
    }
    this.#end(key, window, now);
  }

  /** The summary is the line of the next interval, which starts quiet: lines stay an interval apart. */
  #end(key: string, window: Window, now: number): void {
    clearTimeout(window.timer);
    this.#summarize(key, window.suppressed);
    this.#windows.set(key, quiet(now + this.#intervalMs));
  }
}

function quiet(until: number): Window {
  return { until, suppressed: 0, timer: undefined };
}

/**
 * Runs the poll cycle again and again, one at a time, waiting what the cadence says between the
 * start of one cycle and the start of the next. A cycle that throws is reported and the loop
 * goes on: a bad night on the CDN must never end the service.
 *
 * Intervals are in feed seconds; `timeScale` (real ms per feed ms) lets the replay at speed 2000
 * run the same schedule in milliseconds, down to a floor that keeps the event loop breathing.
 */
import { invalidOption } from '../errors.ts';
import { nextPollSeconds, resolveCadence } from './cadence.ts';
import type { Cadence, FeedView } from './cadence.ts';

/** What the loop needs from a cycle's result; the pipeline's `CycleSummary` fits as it is. */
export interface CycleOutcome {
  readonly live: number;
  readonly halftime: number;
  /** False when the scoreboard poll failed: the loop backs off. */
  readonly scoreboardOk: boolean;
}

export interface Timer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ScheduledPoll {
  /** Real milliseconds from the end of this cycle to the start of the next. */
  readonly delayMs: number;
  /** The cadence's choice, before scaling. */
  readonly feedSeconds: number;
  readonly view: FeedView;
}

export interface PollLoopOptions {
  /** One poll. Aborted signal = the loop is stopping; finish or give up early. */
  readonly cycle: (signal: AbortSignal) => Promise<CycleOutcome>;
  readonly onError?: (error: unknown) => void;
  readonly onScheduled?: (next: ScheduledPoll) => void;
  readonly cadence?: Partial<Cadence>;
  /** Real ms per feed ms: 1 live, 1/2000 for a replay at speed 2000. */
  readonly timeScale?: number;
  /** Shortest real wait between cycles. Default 5. */
  readonly minDelayMs?: number;
  readonly random?: () => number;
  readonly timer?: Timer;
  /** Monotonic real milliseconds, to subtract the cycle's own duration from the wait. */
  readonly now?: () => number;
}

const realTimer: Timer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class PollLoop {
  readonly #cycle: PollLoopOptions['cycle'];
  readonly #onError: (error: unknown) => void;
  readonly #onScheduled: (next: ScheduledPoll) => void;
  readonly #cadence: Cadence;
  readonly #timeScale: number;
  readonly #minDelayMs: number;
  readonly #random: () => number;
  readonly #timer: Timer;
  readonly #now: () => number;

  #started = false;
  #abort = new AbortController();
  #handle: unknown;
  #chain: Promise<void> = Promise.resolve();
  #queued: Promise<void> | undefined;
  #view: FeedView = { live: 0, halftime: 0, consecutiveErrors: 0 };
  #cycles = 0;

  constructor(options: PollLoopOptions) {
    if (typeof options?.cycle !== 'function') throw invalid('cycle must be a function returning a promise');
    const timeScale = options.timeScale ?? 1;
    if (typeof timeScale !== 'number' || !Number.isFinite(timeScale) || timeScale <= 0) {
      throw invalid(`timeScale must be a positive number (real ms per feed ms), got ${JSON.stringify(timeScale)}`);
    }
    const minDelayMs = options.minDelayMs ?? 5;
    if (typeof minDelayMs !== 'number' || !Number.isFinite(minDelayMs) || minDelayMs < 0) {
      throw invalid(`minDelayMs must be a number >= 0, got ${JSON.stringify(minDelayMs)}`);
    }
    this.#cycle = options.cycle;
    this.#onError = options.onError ?? (() => {});
    this.#onScheduled = options.onScheduled ?? (() => {});
    this.#cadence = resolveCadence(options.cadence);
    this.#timeScale = timeScale;
    this.#minDelayMs = minDelayMs;
    this.#random = options.random ?? Math.random;
    this.#timer = options.timer ?? realTimer;
    this.#now = options.now ?? (() => performance.now());
  }

  get started(): boolean {
    return this.#started;
  }

  /** Cycles completed (thrown or not) since construction. */
  get cycles(): number {
    return this.#cycles;
  }

  get view(): FeedView {
    return this.#view;
  }

  /** Runs the first cycle at once, then keeps going until `stop()`. */
  start(): void {
    if (this.#started) throw Object.assign(new Error('PollLoop: already started'), { code: 'already_started' });
    this.#started = true;
    this.#abort = new AbortController();
    void this.#enqueue();
  }

  /** Runs a cycle now (after the running one, if any); resolves when it has finished. */
  pollNow(): Promise<void> {
    if (!this.#started) return Promise.reject(Object.assign(new Error('PollLoop: not started'), { code: 'not_started' }));
    return this.#enqueue();
  }

  /** Cancels the next poll, signals the running cycle, and resolves once it has finished. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#clearTimer();
    this.#abort.abort(new Error('poll loop stopped'));
    await this.#chain;
  }

  /** Cycles go through one promise chain, so two can never overlap; requests while one waits coalesce. */
  #enqueue(): Promise<void> {
    if (this.#queued) return this.#queued;
    const next = this.#chain.then(() => {
      this.#queued = undefined;
      return this.#started ? this.#run() : undefined;
    });
    this.#queued = next;
    this.#chain = next;
    return next;
  }

  async #run(): Promise<void> {
    this.#clearTimer();
    const began = this.#now();
    const errors = this.#view.consecutiveErrors;
    try {
      const outcome = await this.#cycle(this.#abort.signal);
      this.#view = { live: outcome.live, halftime: outcome.halftime, consecutiveErrors: outcome.scoreboardOk ? 0 : errors + 1 };
    } catch (error) {
      this.#view = { ...this.#view, consecutiveErrors: errors + 1 };
      this.#report(error);
    }
    this.#cycles++;
    if (this.#started && !this.#queued) this.#schedule(this.#now() - began);
  }

  #schedule(elapsedMs: number): void {
    const feedSeconds = nextPollSeconds(this.#view, this.#cadence, this.#random);
    const delayMs = Math.max(this.#minDelayMs, feedSeconds * 1000 * this.#timeScale - elapsedMs);
    this.#handle = this.#timer.setTimeout(() => {
      this.#handle = undefined;
      void this.#enqueue();
    }, delayMs);
    try {
      this.#onScheduled({ delayMs, feedSeconds, view: this.#view });
    } catch (error) {
      this.#report(error);
    }
  }

  #clearTimer(): void {
    if (this.#handle === undefined) return;
    this.#timer.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #report(error: unknown): void {
    try {
      this.#onError(error);
    } catch {
      // The error hook is the last place to report to; if it fails too, the loop still goes on.
    }
  }
}

function invalid(message: string): TypeError {
  return invalidOption('PollLoop', message);
}

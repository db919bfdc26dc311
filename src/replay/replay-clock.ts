/**
 * The simulated wall clock of a replayed night: it starts at a chosen instant of the historical
 * night and runs `speed` times faster than real time. The real time source is injectable so tests
 * can stand still or jump instead of waiting.
 */
import { optionError } from './errors.ts';

export interface ReplayClockOptions {
  /** Simulated instant (epoch ms) at which the clock starts. */
  readonly start: number;
  /** Simulated milliseconds per real millisecond. */
  readonly speed: number;
  /** Real time source in ms; defaults to `performance.now`-based wall time. */
  readonly now?: () => number;
}

export class ReplayClock {
  readonly start: number;
  readonly speed: number;
  readonly #realNow: () => number;
  readonly #realStart: number;

  constructor(options: ReplayClockOptions) {
    if (!Number.isFinite(options.start)) throw optionError(`start must be an epoch time in ms, got ${String(options.start)}`);
    if (typeof options.speed !== 'number' || !Number.isFinite(options.speed) || options.speed <= 0) {
      throw optionError(`speed must be a positive number, got ${String(options.speed)}`);
    }
    if (options.now !== undefined && typeof options.now !== 'function') throw optionError('now must be a function returning ms');
    this.start = options.start;
    this.speed = options.speed;
    this.#realNow = options.now ?? (() => performance.timeOrigin + performance.now());
    this.#realStart = this.#realNow();
  }

  /** The simulated instant, epoch ms. */
  now(): number {
    return this.start + (this.#realNow() - this.#realStart) * this.speed;
  }

  /** Real milliseconds until the simulated clock reaches `simulated` (0 when it already has). */
  realDelayUntil(simulated: number): number {
    return Math.max(0, (simulated - this.now()) / this.speed);
  }
}

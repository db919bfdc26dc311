/**
 * How long to wait before the next poll, in feed seconds: pure, so every choice is testable and
 * the replay can run the same schedule 2000 times faster.
 *
 * Live games are polled at the base interval (the CDN caches for a few seconds, so faster buys
 * nothing); halftime only needs to notice the third quarter starting; an empty night only needs
 * to notice a tip-off. While the feed fails the wait doubles from the base interval, whatever
 * the last known state, because that state may be stale.
 */
import { invalidOption } from '../errors.ts';

export interface Cadence {
  /** Any game live. Default 10. */
  readonly liveSeconds: number;
  /** Every live game at halftime. Default 30. */
  readonly halftimeSeconds: number;
  /** No game live. Default 60. */
  readonly idleSeconds: number;
  /** Longest wait while the feed keeps failing. Default 60. */
  readonly maxBackoffSeconds: number;
  /** Relative spread of each wait, so many pollers do not beat in step. Default 0.1 (±10%). */
  readonly jitter: number;
}

export const DEFAULT_CADENCE: Cadence = Object.freeze({
  liveSeconds: 10,
  halftimeSeconds: 30,
  idleSeconds: 60,
  maxBackoffSeconds: 60,
  jitter: 0.1,
});

/** What the last cycles saw. `live` counts games in progress, halftime included. */
export interface FeedView {
  readonly live: number;
  readonly halftime: number;
  /** Cycles in a row whose scoreboard poll failed (0 after a good one). */
  readonly consecutiveErrors: number;
}

/** @param random uniform in [0, 1), injected so tests and replays are reproducible. */
export function nextPollSeconds(view: FeedView, cadence: Cadence, random: () => number): number {
  return withJitter(baseSeconds(view, cadence), cadence.jitter, random);
}

function baseSeconds(view: FeedView, cadence: Cadence): number {
  if (view.consecutiveErrors > 0) {
    const doubled = cadence.liveSeconds * 2 ** Math.min(view.consecutiveErrors, 20);
    return Math.max(cadence.liveSeconds, Math.min(doubled, cadence.maxBackoffSeconds));
  }
  if (view.live === 0) return cadence.idleSeconds;
  return view.halftime >= view.live ? cadence.halftimeSeconds : cadence.liveSeconds;
}

function withJitter(seconds: number, jitter: number, random: () => number): number {
  return seconds * (1 + jitter * (2 * random() - 1));
}

export function resolveCadence(overrides: Partial<Cadence> = {}): Cadence {
  const cadence = { ...DEFAULT_CADENCE, ...dropUndefined(overrides) };
  for (const key of ['liveSeconds', 'halftimeSeconds', 'idleSeconds', 'maxBackoffSeconds'] as const) {
    const value: unknown = cadence[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw invalid(`${key} must be a positive number of seconds, got ${JSON.stringify(value)}`);
    }
  }
  const jitter: unknown = cadence.jitter;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter < 1)) {
    throw invalid(`jitter must be a number in [0, 1), got ${JSON.stringify(jitter)}`);
  }
  return Object.freeze(cadence);
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function invalid(message: string): TypeError {
  return invalidOption('cadence', message);
}

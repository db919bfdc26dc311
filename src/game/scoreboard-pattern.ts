/**
 * The fallback pattern when play-by-play is unavailable: the last scoreboard score observed at or
 * before each minute boundary. It is only as fine as the polling cadence, hence `approximate`.
 * A minute with no observation at or before its end is unknown, and the pattern stops there:
 * nothing is invented for a game first seen late.
 */
import { lastMinuteOf, minuteOf } from './clock.ts';

export interface ScoreboardPoint {
  readonly period: number;
  readonly secondsLeft: number;
  readonly home: number;
  readonly away: number;
}

/** A game seen before tip-off stood at 0-0 at the start of minute 1. */
export const TIP_OFF: ScoreboardPoint = { period: 1, secondsLeft: 720, home: 0, away: 0 };

export class ScoreboardPattern {
  readonly #points: ScoreboardPoint[] = [];
  #completed = 0;

  /** Records one observation; observations arrive in game order (older ones are ignored). */
  observe(point: ScoreboardPoint, final: boolean): void {
    const minute = minuteOf(point.period, point.secondsLeft);
    const last = this.#points.at(-1);
    if (last && minuteOf(last.period, last.secondsLeft) > minute) return;
    this.#points.push(point);
    const periodOver = point.secondsLeft === 0 || final;
    this.#completed = Math.max(this.#completed, periodOver ? lastMinuteOf(point.period) : minute - 1);
  }

  get completedMinutes(): number {
    return this.#completed;
  }

  /** d_k for k = from..completed, stopping at the first minute nothing was observed by. */
  minutes(from: number): number[] {
    const out: number[] = [];
    let i = 0;
    let current: ScoreboardPoint | undefined;
    for (let k = from; k <= this.#completed; k++) {
      for (let p = this.#points[i]; p && minuteOf(p.period, p.secondsLeft) <= k; p = this.#points[++i]) current = p;
      if (!current) break;
      out.push(current.home - current.away);
    }
    return out;
  }
}

/**
 * The fallback pattern when play-by-play is unavailable: the last scoreboard score observed at or
 * before each minute boundary. It is only as fine as the polling cadence, hence `approximate`.
 */
import { lastMinuteOf, minuteOf } from './clock.ts';

export interface ScoreboardPoint {
  readonly period: number;
  /** Undefined when the scoreboard shows no clock (between periods it shows 0). */
  readonly secondsLeft: number;
  readonly home: number;
  readonly away: number;
}

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

  /**
   * d_k for k = from..completed. Minutes before the first observation take its score: a guess,
   * flagged approximate like the rest.
   */
  minutes(from: number): number[] {
    const out: number[] = [];
    let i = 0;
    let current = this.#points[0];
    for (let k = from; k <= this.#completed; k++) {
      for (let p = this.#points[i]; p && minuteOf(p.period, p.secondsLeft) <= k; p = this.#points[++i]) current = p;
      out.push(current ? current.home - current.away : 0);
    }
    return out;
  }
}

/**
 * Where a replayed game stands at a simulated instant, as the scoreboard and boxscore show it.
 * Between two published actions the game clock runs on by the same timeline the actions were
 * paced with, so the scoreboard never shows the game past an action the play-by-play lacks.
 */
import { formatClock, periodLength, periodStart } from '../game/clock.ts';
import { tipText } from './eastern-time.ts';
import type { NightGame, TimedAction } from './night.ts';

export interface GameState {
  /** 1 scheduled, 2 live, 3 final. */
  readonly status: 1 | 2 | 3;
  readonly statusText: string;
  /** 0 before the tip. */
  readonly period: number;
  /** Seconds left in the period; undefined when no clock is shown (before the tip, after the end). */
  readonly secondsLeft: number | undefined;
  readonly homeScore: number;
  readonly awayScore: number;
  /** Points per period, at least four entries. */
  readonly homePeriods: readonly number[];
  readonly awayPeriods: readonly number[];
  /** How many actions the play-by-play shows. */
  readonly published: number;
  /** When what is shown last changed (the latest published action), epoch ms; undefined before the tip. */
  readonly changedAt: number | undefined;
}

/** Number of actions published by `t` (binary search: publish times never decrease). */
export function publishedCount(game: NightGame, t: number): number {
  let lo = 0;
  let hi = game.actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((game.actions[mid] as TimedAction).publishAt <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function gameStateAt(game: NightGame, t: number): GameState {
  const published = publishedCount(game, t);
  const last = game.actions[published - 1];
  if (!last) {
    return {
      status: 1, statusText: tipText(game.scheduledTip), period: 0, secondsLeft: undefined,
      homeScore: 0, awayScore: 0, homePeriods: [0, 0, 0, 0], awayPeriods: [0, 0, 0, 0], published, changedAt: undefined,
    };
  }
  const { action } = last;
  const scores = periodScores(game.actions, published);
  const base = {
    homeScore: Number(action.scoreHome), awayScore: Number(action.scoreAway), ...scores, published, changedAt: last.publishAt,
  };
  const period = action.period;
  if (action.actionType === 'game') {
    const overtimes = period - 4;
    const statusText = overtimes <= 0 ? 'Final' : overtimes === 1 ? 'Final/OT' : `Final/${overtimes}OT`;
    return { status: 3, statusText, period, secondsLeft: undefined, ...base };
  }
  if (action.actionType === 'period' && action.subType === 'end') {
    const statusText = period === 2 ? 'Half' : `End ${periodName(period)}`;
    return { status: 2, statusText, period, secondsLeft: 0, ...base };
  }
  const secondsLeft = runningClock(last, game.actions[published], t);
  return { status: 2, statusText: `${periodName(period)} ${formatClock(secondsLeft)}`, period, secondsLeft, ...base };
}

/** The clock between the last published action and the next one, never past the period's end. */
function runningClock(last: TimedAction, next: TimedAction | undefined, t: number): number {
  const period = last.action.period;
  const end = periodStart(period) + periodLength(period);
  let elapsed = last.elapsed;
  if (next && next.publishAt > last.publishAt && next.elapsed > last.elapsed) {
    const share = Math.min(1, (t - last.publishAt) / (next.publishAt - last.publishAt));
    elapsed += share * (Math.min(next.elapsed, end) - last.elapsed);
  }
  return Math.max(0, end - elapsed);
}

export function periodName(period: number): string {
  return period <= 4 ? `Q${period}` : `OT${period - 4}`;
}

function periodScores(actions: readonly TimedAction[], published: number): { homePeriods: number[]; awayPeriods: number[] } {
  const homeEnd: number[] = [];
  const awayEnd: number[] = [];
  for (let i = 0; i < published; i++) {
    const a = (actions[i] as TimedAction).action;
    homeEnd[a.period - 1] = Number(a.scoreHome);
    awayEnd[a.period - 1] = Number(a.scoreAway);
  }
  const periods = Math.max(4, homeEnd.length);
  const homePeriods: number[] = [];
  const awayPeriods: number[] = [];
  let h = 0;
  let w = 0;
  for (let p = 0; p < periods; p++) {
    const hp = homeEnd[p] ?? h;
    const wp = awayEnd[p] ?? w;
    homePeriods.push(p < homeEnd.length ? hp - h : 0);
    awayPeriods.push(p < awayEnd.length ? wp - w : 0);
    h = hp;
    w = wp;
  }
  return { homePeriods, awayPeriods };
}

/**
 * When each action of a game is published on the simulated night. Where the recorded stamps are
 * usable the game runs at its real pace: each action is placed inside its stamped minute by how far
 * the game clock has moved towards the next minute's first action. Otherwise the game gets a
 * realistic pace: 2.2 real minutes per game minute, 2.5 minutes between quarters, 15 at halftime.
 * Publish times never decrease in game order, so the feed never shows an action before one that
 * happened earlier in the game.
 */
import { elapsedSeconds, periodLength } from '../game/clock.ts';
import { easternToEpoch } from './eastern-time.ts';
import { cleanStamps } from './stamps.ts';

export interface PaceInput {
  readonly period: number;
  readonly secondsLeft: number;
  /** WCTIMESTRING, minutes after midnight; undefined when blank. */
  readonly wallClock: number | undefined;
}

export interface Pacing {
  /** Epoch ms per input, non-decreasing. */
  readonly publishAt: readonly number[];
  /** Scheduled tip-off (epoch ms), on the hour or half hour ET. */
  readonly scheduledTip: number;
  readonly source: 'stamps' | 'fallback';
  /** Why the stamps were not used (fallback only). */
  readonly reason?: string;
}

const MINUTE = 60_000;
export const REAL_MS_PER_GAME_SECOND = 2.2 * 1000;
export const QUARTER_BREAK_MS = 2.5 * MINUTE;
export const HALFTIME_MS = 15 * MINUTE;
/** Tip-off comes about ten minutes after the scheduled time (anthems, introductions). */
export const TIP_DELAY_MS = 10 * MINUTE;
/** Used when a game has no stamp to tell its tip time. */
export const DEFAULT_TIP_MINUTE = 19 * 60 + 30;

export function paceGame(actions: readonly PaceInput[], gameDate: string): Pacing {
  const stamps = cleanStamps(actions.map((a) => a.wallClock));
  const firstStamp = stamps.minutes.find((m) => m !== undefined);
  const tipMinute = firstStamp === undefined ? DEFAULT_TIP_MINUTE : Math.floor(firstStamp / 30) * 30;
  const scheduledTip = easternToEpoch(gameDate, tipMinute);
  const elapsed = actions.map((a) => elapsedSeconds(a.period, a.secondsLeft));
  if (stamps.problem === undefined) {
    return { publishAt: byStamps(elapsed, stamps.minutes, gameDate), scheduledTip, source: 'stamps' };
  }
  return { publishAt: byGameClock(actions, scheduledTip + TIP_DELAY_MS), scheduledTip, source: 'fallback', reason: stamps.problem };
}

/** Stamped minutes, each filled in by game clock up to the next stamped minute's first action. */
function byStamps(elapsed: readonly number[], minutes: ReadonlyArray<number | undefined>, gameDate: string): number[] {
  const anchors: Array<{ index: number; minute: number }> = [];
  minutes.forEach((m, index) => {
    if (m !== undefined && m !== anchors.at(-1)?.minute) anchors.push({ index, minute: m });
  });
  const out = new Array<number>(elapsed.length);
  const first = anchors[0] as { index: number; minute: number };
  for (let i = 0; i < first.index; i++) out[i] = easternToEpoch(gameDate, first.minute);
  for (let a = 0; a < anchors.length; a++) {
    const { index, minute } = anchors[a] as { index: number; minute: number };
    const next = anchors[a + 1];
    const stop = next ? next.index : elapsed.length;
    const from = elapsed[index] as number;
    const to = next ? (elapsed[next.index] as number) : (elapsed.at(-1) as number);
    const start = easternToEpoch(gameDate, minute);
    for (let i = index; i < stop; i++) {
      const share = to > from ? ((elapsed[i] as number) - from) / (to - from) : 0;
      out[i] = start + Math.min(1, Math.max(0, share)) * MINUTE;
    }
  }
  return out;
}

/** The realistic pace, for games without usable stamps. */
function byGameClock(actions: readonly PaceInput[], tip: number): number[] {
  const periodStarts = [tip];
  const startOf = (period: number): number => {
    while (periodStarts.length < period) {
      const p = periodStarts.length;
      const pause = p === 2 ? HALFTIME_MS : QUARTER_BREAK_MS;
      periodStarts.push((periodStarts[p - 1] as number) + periodLength(p) * REAL_MS_PER_GAME_SECOND + pause);
    }
    return periodStarts[period - 1] as number;
  };
  return actions.map((a) => startOf(a.period) + (periodLength(a.period) - a.secondsLeft) * REAL_MS_PER_GAME_SECOND);
}

/** Derived views of the dashboard state: orderings, the night's tally and data freshness. */
import type { GameStatus } from '../../../src/protocol/messages.ts';
import type { GameView } from './dashboard.ts';

/** Scoreboard rows stay put as games progress: by tip-off, then id. */
export function scoreboardOrder(games: Readonly<Record<string, GameView>>): GameView[] {
  return Object.values(games).sort(byTip);
}

const CARD_RANK: Readonly<Record<GameStatus, number>> = { 'In Progress': 0, Halftime: 0, Final: 1, Scheduled: 2, TBD: 2, Postponed: 2, Cancelled: 2 };

const NOT_STARTED: ReadonlySet<GameStatus> = new Set<GameStatus>(['Scheduled', 'TBD', 'Postponed', 'Cancelled']);

/** Being played or over; a scheduled game, or one that is off (TBD, postponed, cancelled), has no score to show. */
export function tippedOff(status: GameStatus): boolean {
  return !NOT_STARTED.has(status);
}

/** Cards for games that have tipped off, the ones still being played first. */
export function cardOrder(games: Readonly<Record<string, GameView>>): GameView[] {
  return Object.values(games)
    .filter((g) => tippedOff(g.data.status))
    .sort((a, b) => CARD_RANK[a.data.status] - CARD_RANK[b.data.status] || byTip(a, b));
}

function byTip(a: GameView, b: GameView): number {
  return a.data.start_time.localeCompare(b.data.start_time) || a.id.localeCompare(b.id);
}

export interface NightTally {
  /** Games with a halftime forecast. */
  readonly forecasts: number;
  /** Forecasts whose halftime is known. */
  readonly settled: number;
  readonly covered: number;
  /** Mean absolute error of the settled forecasts, null before the first one. */
  readonly mae: number | null;
}

export function nightTally(games: Readonly<Record<string, GameView>>): NightTally {
  let forecasts = 0;
  let settled = 0;
  let covered = 0;
  let absError = 0;
  for (const g of Object.values(games)) {
    if (g.forecast || g.halftime?.forecast) forecasts += 1;
    if (g.halftime?.error == null || g.halftime.covered == null) continue;
    settled += 1;
    if (g.halftime.covered) covered += 1;
    absError += Math.abs(g.halftime.error);
  }
  return { forecasts, settled, covered, mae: settled ? absError / settled : null };
}

/**
 * How long a silent feed is still believable. A running game changes its clock on every poll
 * (10 s), so a minute of silence means the feed stalled; halftime is ~15 minutes of nothing.
 */
const STALE_AFTER_S: Readonly<Record<GameStatus, number>> = {
  'In Progress': 60,
  Halftime: 20 * 60,
  Scheduled: Infinity,
  Final: Infinity,
  TBD: Infinity,
  Postponed: Infinity,
  Cancelled: Infinity,
};

export interface Freshness {
  readonly ageSeconds: number;
  readonly stale: boolean;
}

export function freshness(game: GameView, nowMs: number, clockOffsetMs: number): Freshness {
  const ageSeconds = Math.max(0, Math.floor((nowMs - clockOffsetMs - game.updatedAt) / 1000));
  return { ageSeconds, stale: ageSeconds > STALE_AFTER_S[game.data.status] };
}

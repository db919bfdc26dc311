/** The night so far: how many forecasts, how many intervals held, how far off on average. */
import type { GameState } from './games.ts';

export interface NightTally {
  /** Games with a halftime forecast. */
  readonly forecasts: number;
  /** Forecasts whose halftime is known. */
  readonly settled: number;
  /** Settled forecasts whose interval held the actual halftime lead. */
  readonly covered: number;
  /** Mean absolute error of the settled forecasts; null before the first one. */
  readonly mae: number | null;
}

export function nightTally(games: Iterable<GameState>): NightTally {
  let forecasts = 0;
  let settled = 0;
  let covered = 0;
  let absError = 0;
  for (const g of games) {
    if (g.prediction || g.halftime?.forecast) forecasts += 1;
    if (g.halftime?.error == null || g.halftime.covered == null) continue;
    settled += 1;
    if (g.halftime.covered) covered += 1;
    absError += Math.abs(g.halftime.error);
  }
  return { forecasts, settled, covered, mae: settled ? absError / settled : null };
}

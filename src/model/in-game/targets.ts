import type { GameRecord } from '../dataset.ts';
import { HALFTIME_MINUTE, marginAt, REGULATION_MINUTES } from '../game-time.ts';

/** What the in-game model forecasts: the final margin (overtime included) or the halftime margin. */
export type Target = 'final' | 'halftime';
export const TARGETS: readonly Target[] = ['final', 'halftime'];

/** The last minute at whose end each target is still unknown and forecast: 47 (1 minute left) and 23. */
export const LAST_FORECAST_MINUTE: Readonly<Record<Target, number>> = { final: REGULATION_MINUTES - 1, halftime: HALFTIME_MINUTE - 1 };

/** A target's value in a finished game. */
export function actualOf(game: GameRecord, target: Target): number {
  return target === 'final' ? game.finalHome - game.finalAway : marginAt(game.d, HALFTIME_MINUTE);
}

/** Regulation minutes 1..last at which a target is forecast. */
export function forecastMinutes(target: Target): number[] {
  return Array.from({ length: LAST_FORECAST_MINUTE[target] }, (_, i) => i + 1);
}

import type { HistoricalGame } from '../../domain/historical-game.ts';
import { HALFTIME_MINUTE, minuteDiff, REGULATION_MINUTES } from '../../domain/minutes.ts';

/** What the in-game model forecasts: the final margin (overtime included) or the halftime margin. */
export type Target = 'final' | 'halftime';
export const TARGETS: readonly Target[] = ['final', 'halftime'];

/** The last minute at whose end each target is still unknown and forecast: 47 (1 minute left) and 23. */
export const LAST_FORECAST_MINUTE: Readonly<Record<Target, number>> = { final: REGULATION_MINUTES - 1, halftime: HALFTIME_MINUTE - 1 };

/** A target's value in a finished game. */
export function actualOf(game: HistoricalGame, target: Target): number {
  return target === 'final' ? game.finalHome - game.finalAway : minuteDiff(game.d, HALFTIME_MINUTE);
}

/** Regulation minutes 1..last at which a target is forecast. */
export function forecastMinutes(target: Target): number[] {
  return Array.from({ length: LAST_FORECAST_MINUTE[target] }, (_, i) => i + 1);
}

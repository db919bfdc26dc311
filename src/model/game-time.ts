import { ModelError } from './errors.ts';
import { HALFTIME_MINUTE } from './predictor.ts';

/**
 * Game time as the models count it: whole minutes of elapsed game time. Minute m ends at m:00;
 * regulation is 48 of them and each overtime adds five. Patterns are lists of margins with
 * `pattern[m - 1]` the margin at the end of minute m: read them through `marginAt`, never by index.
 */
export const QUARTER_MINUTES = 12;
export const REGULATION_MINUTES = 4 * QUARTER_MINUTES;
export const OVERTIME_MINUTES = 5;
export { HALFTIME_MINUTE };

/** The home-minus-away margin at the end of minute `minute` (1-based) of a pattern. */
export function marginAt(pattern: ArrayLike<number>, minute: number): number {
  const v = pattern[minute - 1];
  if (v === undefined) throw new ModelError('invalid_pattern', `the pattern has ${pattern.length} minutes, not ${minute}`);
  return v;
}

/** Minutes left in regulation, or in the overtime period under way, at the end of `minute`. */
export function minutesLeft(minute: number): number {
  if (minute <= REGULATION_MINUTES) return REGULATION_MINUTES - minute;
  const into = (minute - REGULATION_MINUTES) % OVERTIME_MINUTES;
  return into === 0 ? 0 : OVERTIME_MINUTES - into;
}

/**
 * Game minutes as Courtside counts them: whole minutes of elapsed game time, minute m ending at
 * m:00; regulation is 48 of them and each overtime adds five. A minute pattern is the list d1,
 * d2, …: dk is home minus away at the end of minute k, so `pattern[k - 1]` is dk. Read it through
 * `minuteDiff` (or any per-minute list through `atMinute`), never by a literal index.
 */

/** The forecast is made the first time the game passes 18:00, from d1..d18. */
export const TRIGGER_MINUTE = 18;
/** d24 is the halftime differential the forecast is graded against. */
export const HALFTIME_MINUTE = 24;
export const QUARTER_MINUTES = 12;
/** Minutes of a game without overtime. */
export const REGULATION_MINUTES = 4 * QUARTER_MINUTES;
export const OVERTIME_MINUTES = 5;

/** The value of a per-minute list at the end of `minute` (1-based), if the list reaches it. */
export function atMinute<T>(byMinute: ArrayLike<T>, minute: number): T | undefined {
  return byMinute[minute - 1];
}

/** dk: home minus away at the end of game minute `minute` (1-based). Throws when the pattern is shorter. */
export function minuteDiff(pattern: ArrayLike<number>, minute: number): number {
  const d = atMinute(pattern, minute);
  if (d === undefined) throw new RangeError(`the pattern has ${pattern.length} minutes, not ${minute}`);
  return d;
}

/** Minutes left in regulation, or in the overtime period under way, at the end of `minute`. */
export function minutesLeft(minute: number): number {
  if (minute <= REGULATION_MINUTES) return REGULATION_MINUTES - minute;
  const into = (minute - REGULATION_MINUTES) % OVERTIME_MINUTES;
  return into === 0 ? 0 : OVERTIME_MINUTES - into;
}

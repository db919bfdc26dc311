/**
 * Game minutes as Courtside counts them. A minute pattern is the list d1, d2, …: dk is home minus
 * away at the end of game minute k (k:00 of game time), so `pattern[k - 1]` is dk. Read it through
 * `minuteDiff`, never by a literal index.
 */

/** The forecast is made the first time the game passes 18:00, from d1..d18. */
export const TRIGGER_MINUTE = 18;
/** d24 is the halftime differential the forecast is graded against. */
export const HALFTIME_MINUTE = 24;
/** Minutes of a game without overtime. */
export const REGULATION_MINUTES = 48;

/** dk: home minus away at the end of game minute `minute` (1-based). Throws when the pattern is shorter. */
export function minuteDiff(pattern: ArrayLike<number>, minute: number): number {
  const d = pattern[minute - 1];
  if (d === undefined) throw new RangeError(`the pattern has ${pattern.length} minutes, not ${minute}`);
  return d;
}

/**
 * A game's status as Courtside reports it, from the scoreboard's `gameStatus` code and the NBA's
 * own status text, whatever its padding and case (`"3rd Qtr  "`, `" Half "`, `"PPD"`).
 */
import type { GameStatus } from '../domain/game-status.ts';

/** What a status text says beyond the `gameStatus` code. */
export type StatusTextMeaning = 'halftime' | 'period_over' | 'tbd' | 'postponed' | 'cancelled' | 'other';

const MEANINGS: ReadonlyArray<readonly [RegExp, StatusTextMeaning]> = [
  [/^half(?:time)?$/, 'halftime'],
  // `End of 1st Qtr`, `End Q1`.
  [/^end\b/, 'period_over'],
  // A playoff game played "if necessary", or any game whose time is still to be decided.
  [/^tbd\b/, 'tbd'],
  [/^(?:ppd|postponed)\b/, 'postponed'],
  [/^(?:cancell?ed|cncl)\b/, 'cancelled'],
];

export function readStatusText(text: string | undefined): StatusTextMeaning {
  const words = (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  for (const [pattern, meaning] of MEANINGS) if (pattern.test(words)) return meaning;
  return 'other';
}

/**
 * The status fans see. A game that never tipped off (period 0) is off when its text says so,
 * whichever code the NBA gave it; a live game is never off.
 */
export function gameStatusOf(code: 1 | 2 | 3, period: number, secondsLeft: number | undefined, meaning: StatusTextMeaning): GameStatus {
  if (code === 2) return meaning === 'halftime' || (period === 2 && secondsLeft === 0) ? 'Halftime' : 'In Progress';
  if (period === 0) {
    if (meaning === 'tbd') return 'TBD';
    if (meaning === 'postponed') return 'Postponed';
    if (meaning === 'cancelled') return 'Cancelled';
  }
  return code === 1 ? 'Scheduled' : 'Final';
}

import type { Possession } from '../possession.ts';

/** What is known about a game at the end of one of its minutes, as the in-game model reads it. */
export interface MinuteSituation {
  /** Whole minutes of game time elapsed: 1..48 in regulation, 49.. in overtime. */
  readonly minute: number;
  /** Home-minus-away margin at that moment. */
  readonly margin: number;
  /** The pre-game expectation of the final margin (team ratings and home advantage). */
  readonly expectedMargin: number;
  /** Who has the ball: +1 home, −1 away, 0 unknown. */
  readonly possession: Possession;
}

/**
 * The regressors of the change still to come (target − margin): a constant, the margin (leads
 * shrink a little), the pre-game expectation, and possession when the model variant uses it.
 */
export function regressors(s: MinuteSituation, withPossession: boolean): number[] {
  return withPossession ? [1, s.margin, s.expectedMargin, s.possession] : [1, s.margin, s.expectedMargin];
}

export const REGRESSORS = { withPossession: 4, withoutPossession: 3 } as const;

/** Where each regressor's weight sits in a fit's weights. */
export const WEIGHT = { constant: 0, margin: 1, expectedMargin: 2, possession: 3 } as const;

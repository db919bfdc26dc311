/**
 * Inputs of game tracking, described structurally so that `game/` depends on nothing outside it:
 * the feed's parsed NBA JSON fits these shapes as it is.
 */

/** One play-by-play action as the NBA live feed publishes it. */
export interface LiveAction {
  readonly actionNumber: number;
  readonly orderNumber: number;
  /** Time left in the period, `PT05M32.00S` or any form `readClock` knows. */
  readonly clock: string;
  readonly period: number;
  readonly actionType: string;
  readonly subType?: string | undefined;
  readonly shotResult?: string | undefined;
  /** Running score as strings, carried on every action (can be stale on some). */
  readonly scoreHome: string;
  readonly scoreAway: string;
}

/** One observation of a game on the scoreboard. */
export interface ScoreboardObservation {
  /** 1 scheduled, 2 live, 3 final. */
  readonly gameStatus: 1 | 2 | 3;
  readonly period: number;
  /** `PT05M32.00S` or any form `readClock` knows (`"3:37 "`), or blank when not shown. */
  readonly gameClock: string;
  readonly homeScore: number;
  readonly awayScore: number;
  /** The NBA's own status text (`Half`, `Q2 07:15`, `"3rd Qtr  "`, `TBD`, `PPD`, `Final`, …). */
  readonly statusText?: string;
}

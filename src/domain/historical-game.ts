/** One finished regular-season game as the dataset (`minute_diffs.csv`) records it. */
export interface HistoricalGame {
  readonly gameId: string;
  /** `2017-18` */
  readonly season: string;
  /** `YYYY-MM-DD`, US Eastern. */
  readonly gameDate: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** d1..d48, home minus away at k:00 of game time (read dk with `minuteDiff`). */
  readonly d: readonly number[];
  readonly finalHome: number;
  readonly finalAway: number;
  readonly otPeriods: number;
}

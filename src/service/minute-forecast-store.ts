/** The store's side of the per-minute forecasts: each game's history, kept across restarts. */

export interface StoredMinuteForecast {
  readonly minute: number;
  /** The forecast as it went out (`MinuteForecast`), JSON. */
  readonly json: string;
}

export interface MinuteForecastStore {
  /**
   * Keeps a game's forecast of one minute; idempotent by game and minute (a second call keeps the
   * first and returns false). The game must have been upserted first.
   */
  recordMinuteForecast(gameId: string, minute: number, json: string, madeAt: string): boolean;
  /** The game's forecasts, by minute. */
  minuteForecasts(gameId: string): readonly StoredMinuteForecast[];
}

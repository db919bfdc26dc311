/**
 * The one seam between the live pipeline and any halftime model.
 *
 * The pipeline calls `predict` exactly once per game, the first time the feed shows game time
 * past 18:00, with d1..d18; it calls `observe` when that game's halftime differential (d24) is
 * known, so models that adapt online (adaptive conformal inference) can learn from it.
 */

/** What the pipeline knows about a game besides its pattern, all available at 18:00. */
export interface GameContext {
  readonly gameId: string;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** The game's own date, `YYYY-MM-DD` (US Eastern). */
  readonly gameDate: string;
  /** Who has the ball at the end of the pattern's last minute, when the feed says; unknown otherwise. */
  readonly possession?: 'home' | 'away' | undefined;
}

export interface HalftimeForecast {
  /** Forecast of d24, the home-minus-away differential at halftime. */
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
  /** Nominal coverage of [lower, upper], e.g. 0.95. */
  readonly coverage: number;
  /**
   * Named component forecasts of d24, e.g. `dejavu_prediction`, `lstm_prediction`. The pipeline
   * adds `ensemble_forecast` (= point) itself.
   */
  readonly components: Readonly<Record<string, number>>;
  readonly modelVersion: string;
}

export interface HalftimeOutcome {
  readonly context: GameContext;
  /** d1..d18 as it was given to `predict`. */
  readonly pattern: readonly number[];
  readonly forecast: HalftimeForecast;
  /** The actual d24. */
  readonly actual: number;
}

export interface Predictor {
  readonly modelVersion: string;
  /** @param pattern d1..d18 (exactly 18 values). Must not throw for any 18 finite integers. */
  predict(pattern: readonly number[], context: GameContext): HalftimeForecast;
  /** Called once per forecast game when its halftime differential is known. */
  observe?(outcome: HalftimeOutcome): void;
}

export const PATTERN_MINUTES = 18;
export const HALFTIME_MINUTE = 24;

import { ModelError } from '../errors.ts';
import { atMinute, HALFTIME_MINUTE, minutesLeft, OVERTIME_MINUTES, REGULATION_MINUTES } from '../../domain/minutes.ts';
import type { Possession } from '../possession.ts';
import type { GameContext } from '../predictor.ts';
import type { TeamRatings } from '../ratings.ts';
import { AdaptiveLevels } from './adaptive-levels.ts';
import type { MinuteFit, VariantFit } from './fit.ts';
import { centre } from './fit.ts';
import { QUANTILE_LEVELS } from './levels.ts';
import type { MinuteSituation } from './situation.ts';
import { cdfOf, quantileOf } from './table.ts';
import type { Target } from './targets.ts';
import { LAST_FORECAST_MINUTE } from './targets.ts';

/** A predictive distribution of one margin: its point forecast and its quantiles at `QUANTILE_LEVELS`. */
export interface Distribution {
  readonly point: number;
  /** Non-decreasing, one per level of `QUANTILE_LEVELS`. */
  readonly quantiles: readonly number[];
}

export interface InGameForecast {
  /** The minute at whose end the forecast was made. */
  readonly minute: number;
  readonly final: Distribution;
  /** Until halftime only (minutes 1–23). */
  readonly halftime?: Distribution | undefined;
  /** P(home team wins), overtime included. */
  readonly homeWinProbability: number;
  /** Whether possession was known and used. */
  readonly possessionKnown: boolean;
  readonly modelVersion: string;
}

/** What the live pipeline knows at the end of a minute. */
export interface InGameInput {
  readonly context: GameContext;
  /** Minutes of game time elapsed: 1..47, 48 (a tie going to overtime), then overtime minutes. */
  readonly minute: number;
  /** Margins at the end of minutes 1..minute (home minus away). */
  readonly pattern: readonly number[];
  /** Who has the ball, when the feed says. */
  readonly possession?: 'home' | 'away' | undefined;
}

export interface InGameFits {
  readonly final: readonly MinuteFit[];
  readonly halftime: readonly MinuteFit[];
}

export interface InGameForecasterOptions {
  readonly modelVersion: string;
  readonly fits: InGameFits;
  /** Pre-game expectations of every game the forecaster may meet. */
  readonly ratings: TeamRatings;
  /** Step of the online level adaptation; 0 keeps the calibration as trained. */
  readonly aciGamma: number;
}

/** A win probability is never said to be certain before the end: [FLOOR, 1 − FLOOR]. */
export const WIN_PROBABILITY_FLOOR = 0.001;

/**
 * The whole-game forecaster: at the end of any minute, the final margin's and (before halftime)
 * the halftime margin's predictive distributions and the home team's win probability. A linear
 * model of the change to come per minute, split-conformal quantiles from the most recent season
 * per minute, adapted online as results arrive (`observe`). Pure: no I/O, a few microseconds a call.
 */
export class InGameForecaster {
  readonly modelVersion: string;
  readonly #fits: InGameFits;
  readonly #ratings: TeamRatings;
  readonly #adaptive: Record<Target, AdaptiveLevels>;

  constructor(options: InGameForecasterOptions) {
    for (const target of ['final', 'halftime'] as const) {
      const fits = options.fits[target];
      if (fits.length !== LAST_FORECAST_MINUTE[target] || fits.some((f, i) => f.minute !== i + 1)) {
        throw new ModelError('model_file', `the ${target} model needs minutes 1..${LAST_FORECAST_MINUTE[target]} in order`);
      }
    }
    this.modelVersion = options.modelVersion;
    this.#fits = options.fits;
    this.#ratings = options.ratings;
    this.#adaptive = { final: new AdaptiveLevels(options.aciGamma), halftime: new AdaptiveLevels(options.aciGamma) };
  }

  /** Pre-game expected final margin of a game. */
  expectedMargin(context: GameContext): number {
    return this.#ratings.expectedFor(context.gameId) ?? this.#ratings.expectedMargin(context.homeTeam, context.awayTeam, context.gameDate);
  }

  forecast(input: InGameInput): InGameForecast {
    const { minute } = input;
    if (!Number.isInteger(minute) || minute < 1) throw new ModelError('invalid_pattern', `minute must be a whole number from 1, got ${minute}`);
    const margin = atMinute(input.pattern, minute);
    if (margin === undefined) throw new ModelError('invalid_pattern', `the pattern has ${input.pattern.length} minutes, not ${minute}`);
    if (!Number.isFinite(margin)) throw new ModelError('invalid_pattern', `margin at minute ${minute} must be a finite number, got ${margin}`);
    const possession: Possession = input.possession === 'home' ? 1 : input.possession === 'away' ? -1 : 0;
    return this.forecastSituation({ minute, margin, expectedMargin: this.expectedMargin(input.context), possession });
  }

  /** The forecast from a situation already worked out (evaluation computes expectations once per game). */
  forecastSituation(s: MinuteSituation): InGameForecast {
    const left = minutesLeft(s.minute);
    const withPossession = s.possession !== 0;
    if (left === 0 && s.margin !== 0) {
      // The game is over: the distribution is the result.
      const done = { point: s.margin, quantiles: QUANTILE_LEVELS.map(() => s.margin) };
      return { minute: s.minute, final: done, homeWinProbability: s.margin > 0 ? 1 : 0, possessionKnown: withPossession, modelVersion: this.modelVersion };
    }
    // Overtime (and a tie at the end of a period that leads to it) reads like the end of
    // regulation with as much time left: five minutes of a tied game is minute 43's situation.
    const asMinute = s.minute < REGULATION_MINUTES ? s.minute : REGULATION_MINUTES - (left === 0 ? OVERTIME_MINUTES : left);
    const final = this.#fits.final[asMinute - 1] as MinuteFit;
    const variant = withPossession ? final.withPossession : final.withoutPossession;
    const at = { ...s, minute: asMinute };
    const mu = centre(variant, at, withPossession);
    const win = 1 - cdfOf(variant.table, -mu / variant.scale);
    const halftimeFit = s.minute < HALFTIME_MINUTE ? (this.#fits.halftime[s.minute - 1] as MinuteFit) : undefined;
    return {
      minute: s.minute,
      final: this.#distribution('final', asMinute, variant, mu),
      halftime: halftimeFit && this.#halftime(halftimeFit, at, withPossession),
      homeWinProbability: Math.min(1 - WIN_PROBABILITY_FLOOR, Math.max(WIN_PROBABILITY_FLOOR, win)),
      possessionKnown: withPossession,
      modelVersion: this.modelVersion,
    };
  }

  #halftime(fit: MinuteFit, s: MinuteSituation, withPossession: boolean): Distribution {
    const variant = withPossession ? fit.withPossession : fit.withoutPossession;
    return this.#distribution('halftime', s.minute, variant, centre(variant, s, withPossession));
  }

  #distribution(target: Target, minute: number, v: VariantFit, mu: number): Distribution {
    const levels = this.#adaptive[target].levels(minute);
    const quantiles = QUANTILE_LEVELS.map((_, i) => mu + v.scale * quantileOf(v.table, levels[i] as number));
    // Adapted levels can cross; sorting keeps the quantiles monotone (a rearrangement).
    quantiles.sort((a, b) => a - b);
    return { point: mu, quantiles };
  }

  /**
   * A result for forecasts made earlier: the final margin once the game is over, the halftime
   * margin at halftime. Each forecast's quantiles move its minute's adapted levels.
   */
  observe(target: Target, forecasts: readonly InGameForecast[], actual: number): void {
    for (const f of forecasts) {
      const d = target === 'final' ? f.final : f.halftime;
      if (!d || minutesLeft(f.minute) === 0) continue;
      const asMinute = f.minute < REGULATION_MINUTES ? f.minute : REGULATION_MINUTES - minutesLeft(f.minute);
      this.#adaptive[target].update(asMinute, d.quantiles, actual);
    }
  }
}

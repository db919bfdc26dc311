import { ModelError } from '../errors.ts';
import { QUANTILE_LEVELS } from './levels.ts';

/**
 * Adaptive conformal inference for quantiles (Gibbs & Candès), one tracker per minute: each
 * published level p reads the calibration table at an adjusted level p_t, and every result moves
 * p_t by γ(p − [actual ≤ quantile]). A season that runs wider than the calibration season pushes
 * the outer levels outward until each quantile is exceeded as often as it says.
 */
export class AdaptiveLevels {
  readonly #gamma: number;
  readonly #levels = new Map<number, Float64Array>();

  constructor(gamma: number) {
    if (!(gamma >= 0 && gamma < 1)) throw new ModelError('invalid_option', `aci gamma must be in [0, 1), got ${gamma}`);
    this.#gamma = gamma;
  }

  /** The adjusted levels in force at a minute (the published ones until a result arrives). */
  levels(minute: number): ArrayLike<number> {
    return this.#levels.get(minute) ?? QUANTILE_LEVELS;
  }

  /** One result for a forecast made at `minute`: its quantiles, in level order, and what happened. */
  update(minute: number, quantiles: readonly number[], actual: number): void {
    if (this.#gamma === 0 || !Number.isFinite(actual)) return;
    let levels = this.#levels.get(minute);
    if (!levels) this.#levels.set(minute, (levels = Float64Array.from(QUANTILE_LEVELS)));
    QUANTILE_LEVELS.forEach((p, i) => {
      const below = actual <= (quantiles[i] as number) ? 1 : 0;
      // Bounded so a long streak cannot push a level where it would take as long to come back.
      (levels as Float64Array)[i] = Math.min(1.1, Math.max(-0.1, ((levels as Float64Array)[i] as number) + this.#gamma * (p - below)));
    });
  }
}

import type { GameRecord } from '../dataset.ts';
import { marginAt, REGULATION_MINUTES } from '../game-time.ts';
import { normalCdf, normalQuantile } from '../normal.ts';
import type { Distribution } from './forecaster.ts';
import { QUANTILE_LEVELS } from './levels.ts';
import { actualOf, LAST_FORECAST_MINUTE } from './targets.ts';

/**
 * The baseline for win probability (Stern 1994): the margin is a Brownian motion whose drift
 * over a whole game is the pre-game expectation μ and whose variance over a whole game is σ².
 * With a share t of regulation left and margin d, the final margin is N(d + μt, σ²t) and
 * P(home wins) = Φ((d + μt) / (σ√t)).
 */
export class BrownianBaseline {
  readonly sigma: number;

  constructor(sigma: number) {
    if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`the Brownian sigma must be positive, got ${sigma}`);
    this.sigma = sigma;
  }

  /**
   * σ by maximum likelihood on training games: every (minute, final margin) pair of every game
   * is one Gaussian observation of the remaining change, of variance σ² times the time left.
   */
  static fit(games: readonly GameRecord[], expected: (g: GameRecord) => number): BrownianBaseline {
    let sum = 0;
    let n = 0;
    for (const g of games) {
      const mu = expected(g);
      for (let minute = 1; minute <= LAST_FORECAST_MINUTE.final; minute++) {
        const t = (REGULATION_MINUTES - minute) / REGULATION_MINUTES;
        const change = actualOf(g, 'final') - marginAt(g.d, minute) - mu * t;
        sum += (change * change) / t;
        n++;
      }
    }
    return new BrownianBaseline(Math.sqrt(sum / n));
  }

  #moments(minute: number, margin: number, expected: number): { mean: number; sd: number } {
    const t = (REGULATION_MINUTES - minute) / REGULATION_MINUTES;
    return { mean: margin + expected * t, sd: this.sigma * Math.sqrt(t) };
  }

  winProbability(minute: number, margin: number, expected: number): number {
    const { mean, sd } = this.#moments(minute, margin, expected);
    return normalCdf(mean / sd);
  }

  /** The final margin's distribution, as the in-game model publishes its own. */
  final(minute: number, margin: number, expected: number): Distribution {
    const { mean, sd } = this.#moments(minute, margin, expected);
    return { point: mean, quantiles: STANDARD_QUANTILES.map((z) => mean + sd * z) };
  }
}

const STANDARD_QUANTILES = QUANTILE_LEVELS.map(normalQuantile);

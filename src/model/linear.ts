import { minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { Example } from './examples.ts';
import { changeOf } from './examples.ts';
import type { GameFeatures } from './features.ts';
import { NEUTRAL_FEATURES } from './features.ts';
import { dot, ridge } from './linear-algebra.ts';
import { ModelError } from './errors.ts';

/**
 * Linear forecasts of the change d24 − d18. Each design is a named list of regressors so that a
 * saved model says exactly which one it used.
 */
const DESIGNS = {
  /** The "linear on d18". */
  d18: (p: readonly number[]) => [1, minuteDiff(p, 18)],
  /** The baseline: d18, the second quarter so far, raw season-to-date margins. */
  recent_margins: (p: readonly number[], f: GameFeatures) => [1, minuteDiff(p, 18), minuteDiff(p, 18) - minuteDiff(p, 12), f.homeMarginRaw, f.awayMarginRaw],
  /** The ensemble's component: shrunk margins and the last three minutes too. */
  linear: (p: readonly number[], f: GameFeatures) => [1, minuteDiff(p, 18), minuteDiff(p, 18) - minuteDiff(p, 12), minuteDiff(p, 18) - minuteDiff(p, 15), f.homeMargin, f.awayMargin],
  /** The same with who has the ball: only its last weight is kept, as the ensemble's possession term. */
  linear_possession: (p: readonly number[], f: GameFeatures) => [1, minuteDiff(p, 18), minuteDiff(p, 18) - minuteDiff(p, 12), minuteDiff(p, 18) - minuteDiff(p, 15), f.homeMargin, f.awayMargin, f.possession],
} satisfies Record<string, (p: readonly number[], f: GameFeatures) => number[]>;

export type LinearDesign = keyof typeof DESIGNS;

export interface LinearState {
  readonly design: LinearDesign;
  readonly weights: readonly number[];
}

export class LinearModel {
  readonly design: LinearDesign;
  readonly weights: readonly number[];
  readonly #regressors: (p: readonly number[], f: GameFeatures) => number[];

  constructor(state: LinearState) {
    const regressors = DESIGNS[state.design];
    if (!regressors) throw new ModelError('model_file', `unknown linear design ${JSON.stringify(state.design)}`);
    const width = regressors(new Array<number>(TRIGGER_MINUTE).fill(0), NEUTRAL_FEATURES).length;
    if (state.weights.length !== width || !state.weights.every(Number.isFinite)) {
      throw new ModelError('model_file', `linear design ${state.design} needs ${width} finite weights, got ${state.weights.length}`);
    }
    this.design = state.design;
    this.weights = state.weights;
    this.#regressors = regressors;
  }

  static fit(design: LinearDesign, examples: readonly Example[], lambda = 0): LinearModel {
    const regressors = DESIGNS[design];
    const rows = examples.map((e) => regressors(e.pattern, e.features));
    return new LinearModel({ design, weights: [...ridge(rows, examples.map(changeOf), lambda)] });
  }

  /** Forecast of d24. */
  predict(pattern: readonly number[], features: GameFeatures): number {
    return minuteDiff(pattern, TRIGGER_MINUTE) + dot(this.weights, this.#regressors(pattern, features));
  }

  toJSON(): { design: LinearDesign; weights: number[] } {
    return { design: this.design, weights: [...this.weights] };
  }
}

import { minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { DejavuIndex } from './dejavu.ts';
import { conformalQuantile, MondrianAci } from './conformal.ts';
import { ModelError } from './errors.ts';
import type { GameFeatures } from './features.ts';
import { gameFeatures } from './features.ts';
import type { Forecaster } from './forecasters.ts';
import { buildBaselines, buildComponents } from './forecasters.ts';
import type { HalftimeArtifacts } from './model-files.ts';
import { assertPattern } from './pattern.ts';
import type { GameContext, HalftimeForecast, HalftimeOutcome, Predictor } from './predictor.ts';
import type { TeamHistory } from './team-form.ts';

export interface HalftimeModelOptions {
  readonly artifacts: HalftimeArtifacts;
  /** Dejavu's reference games, with ids and dates so a forecast only reads games played before its own. */
  readonly references: DejavuIndex;
  /** Finished games for season-to-date features. */
  readonly history: TeamHistory;
  /** Nominal coverage of the interval, default 0.95. */
  readonly coverage?: number;
}

/**
 * The halftime forecaster: a weighted ensemble of its components with a Mondrian conformal
 * interval that adapts (ACI) as halftime results come in through `observe`.
 */
export class HalftimeModel implements Predictor {
  readonly modelVersion: string;
  readonly coverage: number;
  readonly components: readonly Forecaster[];
  readonly baselines: readonly Forecaster[];
  readonly weights: readonly number[];
  readonly #history: TeamHistory;
  readonly #interval: MondrianAci;
  readonly #split: Readonly<Record<string, readonly number[]>>;
  /** Points for the team with the ball at 18:00. */
  readonly possessionWeight: number;

  constructor(options: HalftimeModelOptions) {
    const a = options.artifacts;
    const coverage = options.coverage ?? 0.95;
    if (!(coverage > 0 && coverage < 1)) throw new ModelError('invalid_option', `coverage must be in (0, 1), got ${coverage}`);
    if (!options.references.dated) throw new ModelError('invalid_option', 'the halftime model needs reference games with gameId and gameDate, so a forecast never reads its own game or later ones');
    this.coverage = coverage;
    this.modelVersion = a.metadata.model_version;
    this.components = buildComponents(a, options.references);
    this.baselines = buildBaselines(a);
    this.weights = this.components.map((c) => a.ensemble.weights[c.name] ?? 0);
    const total = this.weights.reduce((s, w) => s + w, 0);
    if (Math.abs(total - 1) > 1e-6) throw new ModelError('model_file', `ensemble weights must sum to 1, got ${total}`);
    this.#history = options.history;
    this.#interval = new MondrianAci(a.calibration.mondrian, { alpha: 1 - coverage, gamma: a.calibration.aci_gamma });
    this.#split = a.calibration.split;
    this.possessionWeight = a.ensemble.possession_weight ?? 0;
  }

  featuresOf(context: GameContext): GameFeatures {
    return gameFeatures(this.#history, context);
  }

  predict(pattern: readonly number[], context: GameContext): HalftimeForecast {
    assertPattern(pattern);
    return this.forecast(pattern, this.featuresOf(context), context);
  }

  /**
   * The forecast from already computed features (evaluation computes them once per game). Given
   * the game, Dejavu reads only references played before its date, and never the game itself;
   * without it, all of them, which is only honest when they all precede it.
   */
  forecast(pattern: readonly number[], features: GameFeatures, game?: GameContext): HalftimeForecast {
    const d18 = minuteDiff(pattern, TRIGGER_MINUTE);
    const components: Record<string, number> = {};
    let point = 0;
    this.components.forEach((c, i) => {
      const p = c.predict(pattern, features, game);
      // A component that cannot say anything falls back to "halftime = d18" rather than poison the mix.
      const v = Number.isFinite(p) ? p : d18;
      components[`${c.name}_prediction`] = v;
      point += (this.weights[i] as number) * v;
    });
    point += this.possessionWeight * features.possession;
    const half = this.#interval.halfWidth(d18);
    return { point, lower: point - half, upper: point + half, coverage: this.coverage, components, modelVersion: this.modelVersion };
  }

  observe(outcome: HalftimeOutcome): void {
    if (!Number.isFinite(outcome.actual)) return;
    const { lower, upper } = outcome.forecast;
    this.#interval.update(outcome.actual < lower || outcome.actual > upper);
  }

  /** The α adaptive conformal inference currently uses. */
  get alphaT(): number {
    return this.#interval.alphaT;
  }

  /** Static split-conformal half-width of one component or baseline, for judging it alone. */
  splitHalfWidth(name: string): number {
    const scores = this.#split[name];
    return scores ? conformalQuantile(scores, 1 - this.coverage) : Number.NaN;
  }
}

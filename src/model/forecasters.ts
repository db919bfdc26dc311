import { minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import type { DejavuIndex, SearchGame } from './dejavu.ts';
import { validateDejavuParams } from './dejavu.ts';
import type { GameFeatures } from './features.ts';
import { LinearModel } from './linear.ts';
import { LstmForecaster } from './lstm-forward.ts';
import { lstmWeightsFromArtifacts } from './lstm-artifacts.ts';
import type { HalftimeArtifacts } from './model-files.ts';
import { ModelError } from './errors.ts';

/** Anything that forecasts d24 from d1..d18 and the game's context. */
export interface Forecaster {
  readonly name: string;
  /**
   * @param game the game being forecast: components that read past games (Dejavu) then use only
   * those played before it. Without it they read all they hold, which is honest only when every
   * one of them precedes the game (training and evaluation score seasons after their references).
   */
  predict(pattern: readonly number[], features: GameFeatures, game?: SearchGame): number;
}

export const COMPONENTS = ['dejavu', 'lstm', 'linear'] as const;
export const BASELINES = ['persistence', 'linear_d18', 'linear_margins'] as const;
/** The ensemble as it was before possession: judged beside it, so its possession term shows what it is worth. */
export const WITHOUT_POSSESSION = 'ensemble_without_possession';

/** The ensemble's components, in the order of `COMPONENTS`. */
export function buildComponents(a: HalftimeArtifacts, references: DejavuIndex): Forecaster[] {
  const params = a.dejavu.params;
  validateDejavuParams(params, references.size);
  const lstm = new LstmForecaster(lstmWeightsFromArtifacts(a.lstm));
  const linear = new LinearModel(a.linear.linear);
  const all: Forecaster[] = [
    { name: 'dejavu', predict: (p, _f, game) => minuteDiff(p, TRIGGER_MINUTE) + references.predictChange(p, params, game) },
    { name: 'lstm', predict: (p, f) => minuteDiff(p, TRIGGER_MINUTE) + lstm.predictChange(p, f) },
    { name: 'linear', predict: (p, f) => linear.predict(p, f) },
  ];
  for (const name of a.metadata.components) {
    if (!all.some((c) => c.name === name)) throw new ModelError('model_file', `metadata names an unknown component ${JSON.stringify(name)}`);
  }
  return all.filter((c) => a.metadata.components.includes(c.name));
}

/** The yardsticks of the report: halftime = d18, and the two linear baselines. */
export function buildBaselines(a: HalftimeArtifacts): Forecaster[] {
  const d18 = new LinearModel(a.linear.baselines.linear_d18);
  const margins = new LinearModel(a.linear.baselines.linear_margins);
  return [
    { name: 'persistence', predict: (p) => minuteDiff(p, TRIGGER_MINUTE) },
    { name: 'linear_d18', predict: (p, f) => d18.predict(p, f) },
    { name: 'linear_margins', predict: (p, f) => margins.predict(p, f) },
  ];
}

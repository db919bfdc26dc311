import { minuteDiff, TRIGGER_MINUTE } from '../domain/minutes.ts';
import { createHash } from 'node:crypto';
import { D18_GROUPS, groupOf, sortedAbsResiduals } from './conformal.ts';
import type { HistoricalGame } from '../domain/historical-game.ts';
import { seasonsOf } from './dataset.ts';
import { DejavuIndex } from './dejavu.ts';
import type { DejavuGrid } from './dejavu-tuning.ts';
import { DEFAULT_GRID, gridSteps, tuneDejavu } from './dejavu-tuning.ts';
import { fitEnsembleWeights } from './ensemble.ts';
import { ModelError } from './errors.ts';
import type { Example } from './examples.ts';
import { changeOf, toExamples } from './examples.ts';
import { BASELINES, buildBaselines, buildComponents, COMPONENTS, WITHOUT_POSSESSION } from './forecasters.ts';
import { LinearModel } from './linear.ts';
import type { LstmTrainOptions, Tf } from './lstm-training.ts';
import { LSTM_DEFAULTS, trainLstm } from './lstm-training.ts';
import type { HalftimeArtifacts } from './model-files.ts';
import { TeamHistory } from './team-form.ts';

export interface TrainProgress {
  readonly stage: string;
  readonly step: number;
  readonly total: number;
}

export interface TrainOptions {
  /** Last season used (the tune and calibration season); default the latest in the data. */
  readonly until?: string;
  /** Only train on seasons from this one on (small runs, tests). */
  readonly from?: string;
  readonly dataFile: { readonly file: string; readonly sha256: string };
  /** TensorFlow.js, backend ready, for the LSTM. */
  readonly tf: Tf;
  /** Possession by minute of the games with play-by-play: it gives the ensemble its possession term. */
  readonly possessions?: ReadonlyMap<string, Int8Array>;
  readonly lstm?: Omit<LstmTrainOptions, 'onEpoch'>;
  readonly dejavuGrid?: DejavuGrid;
  readonly aciGamma?: number;
  readonly onProgress?: (p: TrainProgress) => void;
}

/** Step of adaptive conformal inference: Gibbs & Candès's choice, a few hundred games to react. */
export const ACI_GAMMA = 0.005;

/**
 * Trains every part of the halftime model, by season and never at random: components learn from
 * the seasons before the last one; the last one (`until`) stops the LSTM, tunes Dejavu, fits the
 * ensemble weights and calibrates the intervals, because it is the closest to the games the model
 * will face.
 */
export async function trainHalftime(allGames: readonly HistoricalGame[], options: TrainOptions): Promise<HalftimeArtifacts> {
  const started = performance.now();
  const seasons = seasonsOf(allGames).filter((s) => (options.until === undefined || s <= options.until) && (options.from === undefined || s >= options.from));
  const tune = seasons.at(-1);
  if (tune === undefined || seasons.length < 2 || (options.until !== undefined && tune !== options.until)) {
    throw new ModelError('dataset_empty', `training needs the season ${options.until ?? '(latest)'} and at least one before it; the data has ${seasonsOf(allGames).join(', ') || 'none'}`);
  }
  const trainSeasons = seasons.slice(0, -1);
  const known = allGames.filter((g) => g.season <= tune);
  const examples = toExamples(known, new TeamHistory(known), options.possessions);
  const train = examples.filter((e) => trainSeasons.includes(e.season));
  const valid = examples.filter((e) => e.season === tune);

  const grid = options.dejavuGrid ?? DEFAULT_GRID;
  const maxEpochs = options.lstm?.maxEpochs ?? LSTM_DEFAULTS.maxEpochs;
  const total = 2 + gridSteps(grid) + maxEpochs + 1;
  let step = 0;
  const progress = (stage: string, to = step + 1): void => {
    step = to;
    options.onProgress?.({ stage, step, total });
  };
  progress('linear models', 0);

  const linear = {
    linear: LinearModel.fit('linear', train).toJSON(),
    baselines: { linear_d18: LinearModel.fit('d18', train).toJSON(), linear_margins: LinearModel.fit('recent_margins', train).toJSON() },
  };
  progress('dejavu index');
  const index = new DejavuIndex(train.map((e) => ({ pattern: e.pattern, change: changeOf(e) })));
  const tuned = tuneDejavu(index, valid, grid, () => progress('dejavu tuning'));
  const lstmStart = step;
  const lstm = await trainLstm(options.tf, train, valid, { ...options.lstm, onEpoch: (epoch) => progress('lstm epochs', lstmStart + epoch) });
  progress('ensemble and calibration', total - 1);

  const draft: HalftimeArtifacts = {
    metadata: {
      model_version: 'draft',
      created_at: new Date().toISOString(),
      trained_through: tune,
      seasons: { train: trainSeasons, tune, reference: { from: seasons[0] as string, through: tune } },
      data: { file: options.dataFile.file, sha256: options.dataFile.sha256, games: allGames.length },
      components: [...COMPONENTS],
      lstm: { units: lstm.weights.units, best_epoch: lstm.bestEpoch, epochs_run: lstm.validationLoss.length - 1, backend: lstm.backend, validation_loss: lstm.validationLoss.map((l) => round(l, 6)) },
      dejavu: { validation_mae: tuned.mae, tried: tuned.tried },
      training_seconds: 0,
    },
    // One weight, from every season with play-by-play up to the tune season; the components never see possession.
    ensemble: { weights: {}, validation_mae: 0, possession_weight: LinearModel.fit('linear_possession', [...train, ...valid]).weights.at(-1) as number },
    calibration: { tune_season: tune, aci_gamma: options.aciGamma ?? ACI_GAMMA, mondrian: { bounds: [...D18_GROUPS], scores: [] }, split: {} },
    linear,
    dejavu: { params: tuned.params },
    lstm: lstm.artifacts,
  };
  const fitted = fitOnTuneSeason(draft, index, valid);
  const version = createHash('sha256').update(new Uint8Array(lstm.artifacts.weightData)).update(JSON.stringify([fitted.ensemble, fitted.calibration, linear, tuned.params])).digest('hex').slice(0, 8);
  progress('done', total);
  return {
    ...fitted,
    metadata: { ...draft.metadata, model_version: `halftime-${tune}-${version}`, training_seconds: round((performance.now() - started) / 1000, 1) },
  };
}

/** Ensemble weights and every calibration, from out-of-sample forecasts of the tune season. */
function fitOnTuneSeason(draft: HalftimeArtifacts, index: DejavuIndex, valid: readonly Example[]): HalftimeArtifacts {
  const actual = Float64Array.from(valid, (e) => e.actual);
  const forecastsOf = (f: { predict(p: readonly number[], x: Example['features']): number }): Float64Array => Float64Array.from(valid, (e) => f.predict(e.pattern, e.features));
  const components = buildComponents(draft, index).map(forecastsOf);
  const baselines = buildBaselines(draft).map(forecastsOf);
  const weights = fitEnsembleWeights(components, actual);
  const withoutPossession = Float64Array.from(valid, (_, i) => components.reduce((s, c, j) => s + (weights[j] as number) * (c[i] as number), 0));
  const possessionWeight = draft.ensemble.possession_weight ?? 0;
  const point = Float64Array.from(valid, (e, i) => (withoutPossession[i] as number) + possessionWeight * e.features.possession);
  const bounds = draft.calibration.mondrian.bounds;
  const scores = bounds.map(() => [] as number[]).concat([[]]);
  valid.forEach((e, i) => scores[groupOf(minuteDiff(e.pattern, TRIGGER_MINUTE), bounds)]?.push(Math.abs((actual[i] as number) - (point[i] as number))));
  const split: Record<string, number[]> = {};
  COMPONENTS.forEach((name, j) => (split[name] = sortedAbsResiduals(components[j] as Float64Array, actual)));
  BASELINES.forEach((name, j) => (split[name] = sortedAbsResiduals(baselines[j] as Float64Array, actual)));
  split[WITHOUT_POSSESSION] = sortedAbsResiduals(withoutPossession, actual);
  const mae = point.reduce((s, p, i) => s + Math.abs((actual[i] as number) - p), 0) / valid.length;
  return {
    ...draft,
    ensemble: { ...draft.ensemble, weights: Object.fromEntries(COMPONENTS.map((name, j) => [name, weights[j] as number])), validation_mae: mae },
    calibration: { ...draft.calibration, mondrian: { bounds, scores: scores.map((s) => s.sort((a, b) => a - b)) }, split },
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

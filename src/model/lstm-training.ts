import type * as TF from '@tensorflow/tfjs';
import type { Example } from './examples.ts';
import { changeOf } from './examples.ts';
import type { LstmArtifacts } from './lstm-artifacts.ts';
import { HEAD_LAYER, LSTM_LAYER, lstmWeightsFromArtifacts } from './lstm-artifacts.ts';
import { CONTEXT_FEATURES, encodeContext, encodeSteps, OUTPUT_SCALE, STEP_FEATURES, STEPS } from './lstm-encoding.ts';
import type { LstmWeights } from './lstm-forward.ts';
import { ModelError } from './errors.ts';
import { permutation, seededRandom } from './random.ts';

/** TensorFlow.js with its backend ready: the caller loads it (see `data/tf-backend.ts`). */
export type Tf = typeof TF;

export interface LstmTrainOptions {
  readonly units?: number;
  readonly maxEpochs?: number;
  /** Epochs without a better validation loss before stopping. */
  readonly patience?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  readonly onEpoch?: (epoch: number, trainLoss: number, validationLoss: number) => void;
}

export interface LstmTrainResult {
  readonly artifacts: LstmArtifacts;
  readonly weights: LstmWeights;
  /** Validation loss (MSE of the scaled change) before training and after each epoch. */
  readonly validationLoss: readonly number[];
  readonly trainLoss: readonly number[];
  /** Epoch whose weights were kept (0 = untrained). */
  readonly bestEpoch: number;
  readonly backend: string;
}

export const LSTM_DEFAULTS = { units: 12, maxEpochs: 30, patience: 4, batchSize: 256, learningRate: 0.003, seed: 20180 } as const;

export function buildLstm(tf: Tf, units: number, seed: number): TF.LayersModel {
  const steps = tf.input({ shape: [STEPS, STEP_FEATURES], name: 'pattern' });
  const context = tf.input({ shape: [CONTEXT_FEATURES], name: 'context' });
  const lstm = tf.layers.lstm({
    name: LSTM_LAYER,
    units,
    recurrentActivation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
  }).apply(steps) as TF.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([lstm, context]) as TF.SymbolicTensor;
  const out = tf.layers.dense({ name: HEAD_LAYER, units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }).apply(joined) as TF.SymbolicTensor;
  return tf.model({ inputs: [steps, context], outputs: out });
}

function tensors(tf: Tf, examples: readonly Example[]): { x: TF.Tensor3D; c: TF.Tensor2D; y: TF.Tensor2D } {
  const x = new Float32Array(examples.length * STEPS * STEP_FEATURES);
  const c = new Float32Array(examples.length * CONTEXT_FEATURES);
  const y = new Float32Array(examples.length);
  examples.forEach((e, i) => {
    encodeSteps(e.pattern, x, i * STEPS * STEP_FEATURES);
    encodeContext(e.features, c, i * CONTEXT_FEATURES);
    y[i] = changeOf(e) / OUTPUT_SCALE;
  });
  return { x: tf.tensor3d(x, [examples.length, STEPS, STEP_FEATURES]), c: tf.tensor2d(c, [examples.length, CONTEXT_FEATURES]), y: tf.tensor2d(y, [examples.length, 1]) };
}

/**
 * Trains on `train`, stops early on `validation` and keeps the best epoch's weights. Batches are
 * drawn by a seeded shuffle and initialisers are seeded, so a run repeats exactly.
 */
export async function trainLstm(tf: Tf, train: readonly Example[], validation: readonly Example[], options: LstmTrainOptions = {}): Promise<LstmTrainResult> {
  const o = { ...LSTM_DEFAULTS, ...options };
  if (train.length === 0 || validation.length === 0) throw new ModelError('dataset_empty', 'lstm training needs training and validation games');
  const model = buildLstm(tf, o.units, o.seed);
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'meanSquaredError' });
  const t = tensors(tf, train);
  const v = tensors(tf, validation);
  const random = seededRandom(o.seed);
  const validationLoss = [lossOf(tf, model, v)];
  const trainLoss: number[] = [Number.NaN];
  let best = { epoch: 0, loss: validationLoss[0] as number, weights: model.getWeights().map((w) => w.clone()) };
  for (let epoch = 1; epoch <= o.maxEpochs && epoch - best.epoch <= o.patience; epoch++) {
    const order = permutation(train.length, random);
    let sum = 0;
    let batches = 0;
    for (let start = 0; start < train.length; start += o.batchSize) {
      const idx = tf.tensor1d(order.subarray(start, start + o.batchSize), 'int32');
      const [xb, cb, yb] = [tf.gather(t.x, idx), tf.gather(t.c, idx), tf.gather(t.y, idx)];
      sum += (await model.trainOnBatch([xb, cb], yb)) as number;
      batches++;
      tf.dispose([idx, xb, cb, yb]);
    }
    const loss = lossOf(tf, model, v);
    trainLoss.push(sum / batches);
    validationLoss.push(loss);
    options.onEpoch?.(epoch, sum / batches, loss);
    if (loss < best.loss) {
      tf.dispose(best.weights);
      best = { epoch, loss, weights: model.getWeights().map((w) => w.clone()) };
    }
  }
  model.setWeights(best.weights);
  tf.dispose([...best.weights, t.x, t.c, t.y, v.x, v.c, v.y]);
  const artifacts = await saveArtifacts(tf, model);
  model.dispose();
  return { artifacts, weights: lstmWeightsFromArtifacts(artifacts), validationLoss, trainLoss, bestEpoch: best.epoch, backend: tf.getBackend() };
}

function lossOf(tf: Tf, model: TF.LayersModel, v: { x: TF.Tensor; c: TF.Tensor; y: TF.Tensor }): number {
  return tf.tidy(() => {
    const p = model.predict([v.x, v.c], { batchSize: 1024 }) as TF.Tensor;
    return tf.losses.meanSquaredError(v.y, p).dataSync()[0] as number;
  });
}

/** The model's artifacts, in memory: tf.io.withSaveHandler needs no tfjs-node file system. */
export async function saveArtifacts(tf: Tf, model: TF.LayersModel): Promise<LstmArtifacts> {
  let saved: LstmArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    if (!a.modelTopology || !a.weightSpecs || !(a.weightData instanceof ArrayBuffer)) throw new ModelError('model_file', 'tfjs produced incomplete LSTM artifacts');
    saved = { modelTopology: a.modelTopology as object, weightSpecs: a.weightSpecs, weightData: a.weightData };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!saved) throw new ModelError('model_file', 'tfjs did not save the LSTM');
  return saved;
}

/** Rebuilds a tfjs model from saved artifacts (tf.io.fromMemory), e.g. to check or fine-tune it. */
export async function loadLstmModel(tf: Tf, artifacts: LstmArtifacts): Promise<TF.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: [...artifacts.weightSpecs] as TF.io.WeightsManifestEntry[], weightData: artifacts.weightData }));
}

/** tfjs's own forecasts of d24 − d18, for checking the hand-written forward pass. */
export async function tfPredictChanges(tf: Tf, model: TF.LayersModel, examples: readonly Example[]): Promise<Float32Array> {
  const t = tensors(tf, examples);
  const p = model.predict([t.x, t.c]) as TF.Tensor;
  const out = (await p.data()) as Float32Array;
  tf.dispose([t.x, t.c, t.y, p]);
  return out.map((v) => v * OUTPUT_SCALE);
}

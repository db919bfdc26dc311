import { ModelError } from './errors.ts';
import type { LstmWeights } from './lstm-forward.ts';
import { checkLstmWeights } from './lstm-forward.ts';

/** The tfjs layers-model artifacts (the part of `tf.io.ModelArtifacts` this model uses). */
export interface LstmArtifacts {
  readonly modelTopology: object;
  readonly weightSpecs: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[]; readonly dtype: string }>;
  readonly weightData: ArrayBuffer;
}

export const LSTM_LAYER = 'pattern_lstm';
export const HEAD_LAYER = 'head';
/**
 * The network's weights straight from the artifacts, without tfjs: float32 tensors laid end to
 * end in the order of the specs.
 */
export function lstmWeightsFromArtifacts(a: LstmArtifacts): LstmWeights {
  const tensors = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of a.weightSpecs) {
    if (spec.dtype !== 'float32') throw new ModelError('model_file', `lstm weight ${spec.name} has dtype ${spec.dtype}, expected float32`);
    const size = spec.shape.reduce((p, s) => p * s, 1);
    if (offset + size * 4 > a.weightData.byteLength) throw new ModelError('model_file', `lstm weights end before ${spec.name}`);
    tensors.set(spec.name, new Float32Array(a.weightData.slice(offset, offset + size * 4)));
    offset += size * 4;
  }
  const get = (name: string): Float32Array => {
    const t = tensors.get(name);
    if (!t) throw new ModelError('model_file', `lstm weight ${name} missing`);
    return t;
  };
  const bias = get(`${LSTM_LAYER}/bias`);
  const weights: LstmWeights = {
    units: bias.length / 4,
    kernel: get(`${LSTM_LAYER}/kernel`),
    recurrent: get(`${LSTM_LAYER}/recurrent_kernel`),
    bias,
    head: get(`${HEAD_LAYER}/kernel`),
    headBias: get(`${HEAD_LAYER}/bias`),
  };
  checkLstmWeights(weights);
  return weights;
}

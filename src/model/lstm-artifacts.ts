import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** Writes the standard tfjs `model.json` + `weights.bin` pair, loadable by any tfjs. */
export function writeLstmArtifacts(dir: string, artifacts: LstmArtifacts): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }] };
  writeFileSync(path.join(dir, MODEL_JSON), `${JSON.stringify(manifest)}\n`);
  writeFileSync(path.join(dir, WEIGHTS_BIN), new Uint8Array(artifacts.weightData));
}

export function readLstmArtifacts(dir: string): LstmArtifacts {
  const file = path.join(dir, MODEL_JSON);
  let manifest: { modelTopology?: object; weightsManifest?: Array<{ weights?: LstmArtifacts['weightSpecs'] }> };
  let bin: Buffer;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as typeof manifest;
    bin = readFileSync(path.join(dir, WEIGHTS_BIN));
  } catch (cause) {
    throw new ModelError('model_file', `cannot read the LSTM in ${dir}: ${(cause as Error).message}`, { cause });
  }
  const weightSpecs = manifest.weightsManifest?.[0]?.weights;
  if (!manifest.modelTopology || !weightSpecs) throw new ModelError('model_file', `${file}: modelTopology or weightsManifest missing`);
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  return { modelTopology: manifest.modelTopology, weightSpecs, weightData };
}

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

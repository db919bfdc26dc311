import type { GameFeatures } from './features.ts';
import { CONTEXT_FEATURES, encodeContext, encodeSteps, OUTPUT_SCALE, STEP_FEATURES, STEPS } from './lstm-encoding.ts';
import { ModelError } from './errors.ts';

/** The trained network as plain arrays, in the layouts tfjs uses. */
export interface LstmWeights {
  readonly units: number;
  /** [STEP_FEATURES, 4 × units], gates in Keras order i, f, c, o. */
  readonly kernel: Float32Array;
  /** [units, 4 × units] */
  readonly recurrent: Float32Array;
  /** [4 × units] */
  readonly bias: Float32Array;
  /** [units + CONTEXT_FEATURES]: the dense head over the last hidden state and the context. */
  readonly head: Float32Array;
  /** [1] */
  readonly headBias: Float32Array;
}

export function checkLstmWeights(w: LstmWeights): void {
  const u = w.units;
  const expect: Array<[string, Float32Array, number]> = [
    ['kernel', w.kernel, STEP_FEATURES * 4 * u],
    ['recurrent', w.recurrent, u * 4 * u],
    ['bias', w.bias, 4 * u],
    ['head', w.head, u + CONTEXT_FEATURES],
    ['headBias', w.headBias, 1],
  ];
  for (const [name, array, size] of expect) {
    if (array.length !== size) throw new ModelError('model_file', `lstm ${name} must hold ${size} weights for ${u} units, got ${array.length}`);
  }
}

/**
 * Forward pass of the LSTM by hand. Serving through tfjs would cost milliseconds of per-op
 * overhead for a network this small (and most of a second to import); this is a few thousand
 * multiply-adds. The tests hold it to tfjs's own output.
 */
export class LstmForecaster {
  readonly #w: LstmWeights;
  readonly #x = new Float64Array(STEPS * STEP_FEATURES);
  readonly #ctx = new Float64Array(CONTEXT_FEATURES);
  readonly #h: Float64Array;
  readonly #c: Float64Array;
  readonly #z: Float64Array;

  constructor(weights: LstmWeights) {
    checkLstmWeights(weights);
    this.#w = weights;
    this.#h = new Float64Array(weights.units);
    this.#c = new Float64Array(weights.units);
    this.#z = new Float64Array(4 * weights.units);
  }

  /** Forecast of d24 − d18. */
  predictChange(pattern: readonly number[], features: GameFeatures): number {
    const { units: u, kernel, recurrent, bias, head, headBias } = this.#w;
    const x = this.#x;
    const h = this.#h;
    const c = this.#c;
    const z = this.#z;
    encodeSteps(pattern, x);
    encodeContext(features, this.#ctx);
    h.fill(0);
    c.fill(0);
    const g = 4 * u;
    for (let t = 0; t < STEPS; t++) {
      for (let j = 0; j < g; j++) {
        let s = bias[j] as number;
        for (let f = 0; f < STEP_FEATURES; f++) s += (x[t * STEP_FEATURES + f] as number) * (kernel[f * g + j] as number);
        for (let r = 0; r < u; r++) s += (h[r] as number) * (recurrent[r * g + j] as number);
        z[j] = s;
      }
      for (let j = 0; j < u; j++) {
        const i = sigmoid(z[j] as number);
        const f = sigmoid(z[u + j] as number);
        const cand = Math.tanh(z[2 * u + j] as number);
        const o = sigmoid(z[3 * u + j] as number);
        c[j] = f * (c[j] as number) + i * cand;
        h[j] = o * Math.tanh(c[j] as number);
      }
    }
    let y = headBias[0] as number;
    for (let j = 0; j < u; j++) y += (h[j] as number) * (head[j] as number);
    for (let j = 0; j < CONTEXT_FEATURES; j++) y += (this.#ctx[j] as number) * (head[u + j] as number);
    return y * OUTPUT_SCALE;
  }
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

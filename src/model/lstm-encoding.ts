import type { GameFeatures } from './features.ts';
import { TRIGGER_MINUTE } from '../domain/minutes.ts';

/**
 * How the LSTM sees a game, shared by training (tfjs) and serving (the hand-written forward
 * pass), so the two can never disagree. Scales bring typical values near ±1.
 */
export const STEP_FEATURES = 2;
export const CONTEXT_FEATURES = 2;
export const STEPS = TRIGGER_MINUTE;
/** The network outputs the change d24 − d18 divided by this. */
export const OUTPUT_SCALE = 6;

const LEVEL_SCALE = 10;
const STEP_SCALE = 3;
const MARGIN_SCALE = 5;

/** Per minute: the margin and its change over that minute. Writes STEPS × STEP_FEATURES values. */
export function encodeSteps(pattern: readonly number[], out: Float32Array | Float64Array, offset = 0): void {
  let previous = 0;
  for (let t = 0; t < STEPS; t++) {
    const d = pattern[t] as number;
    out[offset + t * STEP_FEATURES] = d / LEVEL_SCALE;
    out[offset + t * STEP_FEATURES + 1] = (d - previous) / STEP_SCALE;
    previous = d;
  }
}

export function encodeContext(features: GameFeatures, out: Float32Array | Float64Array, offset = 0): void {
  out[offset] = features.homeMargin / MARGIN_SCALE;
  out[offset + 1] = features.awayMargin / MARGIN_SCALE;
}

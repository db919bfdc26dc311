import { ModelError } from './errors.ts';

/**
 * Split conformal half-width: the ⌈(n + 1)(1 − α)⌉-th smallest calibration score, which covers a
 * new exchangeable game with probability at least 1 − α. Past the largest score (tiny groups or
 * α near 0) the largest score is used, so an interval is always finite.
 */
export function conformalQuantile(sortedScores: ArrayLike<number>, alpha: number): number {
  const n = sortedScores.length;
  if (n === 0) return Number.POSITIVE_INFINITY;
  const rank = Math.ceil((n + 1) * (1 - alpha));
  return sortedScores[Math.min(n, Math.max(1, rank)) - 1] as number;
}

export function sortedAbsResiduals(points: ArrayLike<number>, actual: ArrayLike<number>): number[] {
  return Array.from({ length: actual.length }, (_, i) => Math.abs((actual[i] as number) - (points[i] as number))).sort((a, b) => a - b);
}

/** Mondrian groups by |d18|: upper bounds (exclusive) of all groups but the last. */
export const D18_GROUPS = [4, 8, 13] as const;

export function groupOf(d18: number, bounds: readonly number[] = D18_GROUPS): number {
  const a = Math.abs(d18);
  let g = 0;
  while (g < bounds.length && a >= (bounds[g] as number)) g++;
  return g;
}

export function groupLabel(group: number, bounds: readonly number[] = D18_GROUPS): string {
  const lo = group === 0 ? 0 : (bounds[group - 1] as number);
  const hi = bounds[group];
  return hi === undefined ? `|d18| >= ${lo}` : `${lo} <= |d18| < ${hi}`;
}

export interface MondrianState {
  readonly bounds: readonly number[];
  /** Sorted absolute residuals of the calibration season, one list per |d18| group. */
  readonly scores: readonly (readonly number[])[];
}

export interface AciOptions {
  /** Target miscoverage α. */
  readonly alpha: number;
  /** Step of the α update; 0 turns adaptation off. */
  readonly gamma: number;
}

/**
 * Mondrian split conformal by |d18| group with adaptive conformal inference (Gibbs & Candès):
 * after each result, α_t moves by γ(α − miss), so a season that runs more volatile than the
 * calibration season widens its intervals until misses come back to α.
 */
export class MondrianAci {
  readonly #state: MondrianState;
  readonly #alpha: number;
  readonly #gamma: number;
  #alphaT: number;

  constructor(state: MondrianState, options: AciOptions) {
    if (!(options.alpha > 0 && options.alpha < 1)) throw new ModelError('invalid_option', `coverage must be in (0, 1), got ${1 - options.alpha}`);
    if (!(options.gamma >= 0 && options.gamma < 1)) throw new ModelError('invalid_option', `aci gamma must be in [0, 1), got ${options.gamma}`);
    if (state.scores.length !== state.bounds.length + 1) throw new ModelError('model_file', `calibration needs ${state.bounds.length + 1} score groups, got ${state.scores.length}`);
    this.#state = state;
    this.#alpha = options.alpha;
    this.#gamma = options.gamma;
    this.#alphaT = options.alpha;
  }

  /** The α currently in force. */
  get alphaT(): number {
    return this.#alphaT;
  }

  halfWidth(d18: number): number {
    return conformalQuantile(this.#state.scores[groupOf(d18, this.#state.bounds)] as readonly number[], this.#alphaT);
  }

  /** One more result: whether the interval given for it missed. */
  update(missed: boolean): void {
    // Bounded so a long streak cannot push α_t to where it would take as long to come back.
    this.#alphaT = Math.min(1, Math.max(-1, this.#alphaT + this.#gamma * (this.#alpha - (missed ? 1 : 0))));
  }
}

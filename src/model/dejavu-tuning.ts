import type { DejavuIndex, DejavuParams, Metric } from './dejavu.ts';
import type { Example } from './examples.ts';
import { changeOf } from './examples.ts';

export interface DejavuGrid {
  readonly windows: readonly number[];
  readonly ks: readonly number[];
  readonly metrics: readonly Metric[];
  readonly levelWeights: readonly number[];
}

export const DEFAULT_GRID: DejavuGrid = {
  windows: [2, 4, 6, 9, 12, 18],
  ks: [25, 50, 100, 200, 400, 800, 1600],
  metrics: ['l1', 'l2'],
  levelWeights: [1, 3, 9],
};

export interface DejavuTuning {
  readonly params: DejavuParams;
  /** Validation MAE of the chosen parameters. */
  readonly mae: number;
  readonly tried: number;
}

/**
 * Picks k, the window, the metric and the level weight by validation MAE. One search per
 * (window, metric, level weight) with the largest k serves every k, because neighbours come
 * nearest first.
 */
export function tuneDejavu(index: DejavuIndex, validation: readonly Example[], grid: DejavuGrid = DEFAULT_GRID, onStep?: () => void): DejavuTuning {
  const ks = grid.ks.filter((k) => k <= index.size);
  const kMax = Math.max(...ks);
  let best: DejavuTuning | undefined;
  let tried = 0;
  for (const window of grid.windows) {
    for (const metric of grid.metrics) {
      for (const levelWeight of grid.levelWeights) {
        const errors = new Float64Array(ks.length);
        for (const e of validation) {
          const changes = index.neighbourChanges(e.pattern, { k: kMax, window, metric, levelWeight });
          const truth = changeOf(e);
          ks.forEach((k, j) => {
            errors[j] = (errors[j] as number) + Math.abs(truth - prefixMedian(changes, k));
          });
        }
        ks.forEach((k, j) => {
          tried++;
          const mae = (errors[j] as number) / validation.length;
          if (!best || mae < best.mae) best = { params: { k, window, metric, levelWeight }, mae, tried: 0 };
        });
        onStep?.();
      }
    }
  }
  if (!best) throw new RangeError('tuneDejavu needs a non-empty grid');
  return { ...best, tried };
}

export function gridSteps(grid: DejavuGrid): number {
  return grid.windows.length * grid.metrics.length * grid.levelWeights.length;
}

function prefixMedian(changes: Float64Array, k: number): number {
  const v = changes.slice(0, k).sort();
  const mid = k >> 1;
  return k % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

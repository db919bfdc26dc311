/**
 * The quantile levels every in-game forecast publishes: 2.5%, 5%, 10%, 15%, …, 90%, 95%, 97.5%.
 * Central intervals come from symmetric pairs (50%: q25..q75, 80%: q10..q90, 95%: q025..q975).
 */
export const QUANTILE_LEVELS: readonly number[] = [0.025, 0.05, ...Array.from({ length: 17 }, (_, i) => (10 + 5 * i) / 100), 0.95, 0.975];

/** `q025`, `q05`, `q10`, …, `q975`: the CSV and JSON names of the levels. */
export function levelName(level: number): string {
  const tenths = Math.round(level * 1000);
  return tenths % 10 === 0 ? `q${String(tenths / 10).padStart(2, '0')}` : `q${String(tenths).padStart(3, '0')}`;
}

export const LEVEL_NAMES: readonly string[] = QUANTILE_LEVELS.map(levelName);

/** Index of a level in `QUANTILE_LEVELS` (exact levels only). */
export function levelIndex(level: number): number {
  const i = QUANTILE_LEVELS.findIndex((l) => Math.abs(l - level) < 1e-9);
  if (i < 0) throw new RangeError(`${level} is not a published quantile level`);
  return i;
}

/** The central intervals the evaluation judges, with the level pair that bounds each. */
export const CENTRAL_INTERVALS = [0.5, 0.8, 0.95] as const;

export function intervalLevels(coverage: number): { lower: number; upper: number } {
  return { lower: levelIndex((1 - coverage) / 2), upper: levelIndex(1 - (1 - coverage) / 2) };
}

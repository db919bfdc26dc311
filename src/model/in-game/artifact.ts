import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readModelFile } from '../model-files.ts';
import { REGRESSORS } from './situation.ts';
import { TABLE_SIZE } from './table.ts';
import { LAST_FORECAST_MINUTE } from './targets.ts';

const Season = z.string().regex(/^\d{4}-\d{2}$/);
const Finite = z.number().finite();

const Variant = (width: number) =>
  z.object({
    weights: z.array(Finite).length(width),
    scale: z.number().positive(),
    table: z.array(Finite).length(TABLE_SIZE).refine((t) => t.every((v, i) => i === 0 || v >= (t[i - 1] as number)), 'calibration table must be non-decreasing'),
  });

const MinuteFit = z.object({ minute: z.number().int().positive(), with_possession: Variant(REGRESSORS.withPossession), without_possession: Variant(REGRESSORS.withoutPossession) });

const minutes = (last: number) => z.array(MinuteFit).length(last).refine((fits) => fits.every((f, i) => f.minute === i + 1), `minutes must be 1..${last} in order`);

/** Everything the in-game model is, as `models/in-game/model.json` stores it. */
export const InGameArtifact = z.object({
  metadata: z.object({
    model_version: z.string().min(1),
    created_at: z.string(),
    trained_through: Season,
    seasons: z.object({ train: z.array(Season).min(1), calibration: Season, possession: z.array(Season) }),
    data: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), games: z.number().int() }),
    training_seconds: Finite,
  }),
  ratings: z.object({ k: z.number().gt(0).lt(1), carry_over: z.number().min(0).max(1), margin_cap: z.number().positive(), home_advantage: Finite }),
  /** σ of the Brownian-motion baseline, fitted on the same training seasons. */
  brownian_sigma: z.number().positive(),
  aci_gamma: z.number().min(0).lt(1),
  /** Calibration pooled this many minutes either side. */
  pool: z.number().int().min(0),
  final: minutes(LAST_FORECAST_MINUTE.final),
  halftime: minutes(LAST_FORECAST_MINUTE.halftime),
});
export type InGameArtifact = z.infer<typeof InGameArtifact>;

export const MODEL_FILE = 'model.json';

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Standardised scores to 3 decimals (a hundredth of a point at most), weights to 6. */
function compact(a: InGameArtifact): InGameArtifact {
  const variant = (v: InGameArtifact['final'][number]['with_possession']) => ({ weights: v.weights.map((w) => round(w, 6)), scale: round(v.scale, 4), table: v.table.map((z) => round(z, 3)) });
  const minutes = (fits: InGameArtifact['final']) => fits.map((f) => ({ minute: f.minute, with_possession: variant(f.with_possession), without_possession: variant(f.without_possession) }));
  return { ...a, final: minutes(a.final), halftime: minutes(a.halftime) };
}

export function writeInGameModel(dir: string, artifact: InGameArtifact): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MODEL_FILE), `${JSON.stringify(compact(artifact))}\n`);
}

export function readInGameModel(dir: string): InGameArtifact {
  return readModelFile(path.join(dir, MODEL_FILE), InGameArtifact);
}

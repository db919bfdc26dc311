import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ModelError } from './errors.ts';
import type { LstmArtifacts } from './lstm-artifacts.ts';
import { readLstmArtifacts, writeLstmArtifacts } from './lstm-artifacts.ts';

const Season = z.string().regex(/^\d{4}-\d{2}$/);
const Finite = z.number().finite();
const LinearState = z.object({ design: z.enum(['d18', 'recent_margins', 'linear', 'linear_possession']), weights: z.array(Finite) });

export const Metadata = z.object({
  model_version: z.string().min(1),
  created_at: z.string(),
  trained_through: Season,
  seasons: z.object({ train: z.array(Season).min(1), tune: Season, reference: z.object({ from: Season, through: Season }) }),
  data: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), games: z.number().int() }),
  components: z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1),
  lstm: z.object({ units: z.number().int().positive(), best_epoch: z.number().int(), epochs_run: z.number().int(), backend: z.string(), validation_loss: z.array(Finite) }),
  dejavu: z.object({ validation_mae: Finite, tried: z.number().int() }),
  training_seconds: Finite,
});
export type Metadata = z.infer<typeof Metadata>;

export const EnsembleFile = z.object({
  weights: z.record(z.string(), z.number().min(0).max(1)),
  validation_mae: Finite,
  /** Points added to the ensemble's forecast for the team with the ball at 18:00 (0, or absent, when unknown). */
  possession_weight: Finite.optional(),
});
export type EnsembleFile = z.infer<typeof EnsembleFile>;

export const CalibrationFile = z.object({
  tune_season: Season,
  aci_gamma: z.number().min(0).lt(1),
  mondrian: z.object({ bounds: z.array(Finite), scores: z.array(z.array(z.number().min(0))) }),
  /** Sorted absolute residuals of every single forecaster (components and baselines) on the tune season. */
  split: z.record(z.string(), z.array(z.number().min(0)).min(1)),
});
export type CalibrationFile = z.infer<typeof CalibrationFile>;

export const LinearFile = z.object({ linear: LinearState, baselines: z.object({ linear_d18: LinearState, linear_margins: LinearState }) });
export type LinearFile = z.infer<typeof LinearFile>;

export const DejavuFile = z.object({
  params: z.object({ k: z.number().int().positive(), window: z.number().int().min(1).max(18), metric: z.enum(['l1', 'l2']), levelWeight: z.number().min(0) }),
});
export type DejavuFile = z.infer<typeof DejavuFile>;

/** Everything a trained halftime model is, in memory; `models/halftime/` holds it as files. */
export interface HalftimeArtifacts {
  readonly metadata: Metadata;
  readonly ensemble: EnsembleFile;
  readonly calibration: CalibrationFile;
  readonly linear: LinearFile;
  readonly dejavu: DejavuFile;
  readonly lstm: LstmArtifacts;
}

const JSON_FILES = { metadata: Metadata, ensemble: EnsembleFile, calibration: CalibrationFile, linear: LinearFile, dejavu: DejavuFile } as const;
const LSTM_DIR = 'lstm';

export function writeModel(dir: string, a: HalftimeArtifacts): void {
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(JSON_FILES) as Array<keyof typeof JSON_FILES>) {
    writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(a[name], null, name === 'calibration' ? undefined : 2)}\n`);
  }
  writeLstmArtifacts(path.join(dir, LSTM_DIR), a.lstm);
}

/** A JSON model file checked against its schema; the first problem names the file and the field. */
export function readModelFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ModelError('model_file', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelError('model_file', `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function readModel(dir: string): HalftimeArtifacts {
  const read = <S extends z.ZodType>(name: keyof typeof JSON_FILES, schema: S): z.infer<S> => readModelFile(path.join(dir, `${name}.json`), schema);
  return {
    metadata: read('metadata', Metadata),
    ensemble: read('ensemble', EnsembleFile),
    calibration: read('calibration', CalibrationFile),
    linear: read('linear', LinearFile),
    dejavu: read('dejavu', DejavuFile),
    lstm: readLstmArtifacts(path.join(dir, LSTM_DIR)),
  };
}

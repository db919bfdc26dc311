/**
 * Trained models as folders of files: the halftime model (`models/halftime/`: JSON files and the
 * LSTM as tfjs `model.json` + `weights.bin`) and the whole-game forecaster (`models/in-game/`).
 * What each file holds is the model's (its zod schemas); reading and writing them is here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ModelError } from '../model/errors.ts';
import { InGameArtifact } from '../model/in-game/artifact.ts';
import type { LstmArtifacts } from '../model/lstm-artifacts.ts';
import { CalibrationFile, DejavuFile, EnsembleFile, type HalftimeArtifacts, LinearFile, Metadata } from '../model/model-files.ts';

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

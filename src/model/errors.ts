/**
 * Errors of the model layer. Each carries a stable `code` so callers (commands, the pipeline) can
 * react without parsing messages.
 */
import { CourtsideError } from '../errors.ts';

export type ModelErrorCode =
  | 'dataset_file'
  | 'dataset_header'
  | 'dataset_row'
  | 'dataset_empty'
  | 'dataset_conflict'
  | 'invalid_pattern'
  | 'model_file'
  | 'invalid_option';

export class ModelError extends CourtsideError<ModelErrorCode> {}

/** A row of a dataset file that cannot be trusted; names the file, the 1-based line and the column. */
export class DatasetRowError extends ModelError {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  constructor(file: string, line: number, column: string, problem: string) {
    super('dataset_row', `${file}:${line}: column ${column}: ${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

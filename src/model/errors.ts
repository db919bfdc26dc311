/**
 * Errors of the model layer. Each carries a stable `code` so callers (commands, the pipeline) can
 * react without parsing messages.
 */
export type ModelErrorCode =
  | 'ERR_DATASET_FILE'
  | 'ERR_DATASET_HEADER'
  | 'ERR_DATASET_ROW'
  | 'ERR_DATASET_EMPTY'
  | 'ERR_DATASET_CONFLICT'
  | 'ERR_PATTERN'
  | 'ERR_MODEL_FILE'
  | 'ERR_OPTION';

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  constructor(code: ModelErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelError';
    this.code = code;
  }
}

/** A row of a dataset file that cannot be trusted; names the file, the 1-based line and the column. */
export class DatasetRowError extends ModelError {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  constructor(file: string, line: number, column: string, problem: string) {
    super('ERR_DATASET_ROW', `${file}:${line}: column ${column}: ${problem}`);
    this.name = 'DatasetRowError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

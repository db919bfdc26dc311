/**
 * Errors of the replay. Each carries a stable `code` so the command and the tests can branch on it
 * without parsing messages; messages name the file, line and column or the option at fault.
 */
export type ReplayErrorCode =
  | 'ERR_REPLAY_OPTION'
  | 'ERR_REPLAY_FILE'
  | 'ERR_REPLAY_HEADER'
  | 'ERR_REPLAY_ROW'
  | 'ERR_REPLAY_NO_DATA'
  | 'ERR_REPLAY_NO_GAMES';

export class ReplayError extends Error {
  readonly code: ReplayErrorCode;
  constructor(code: ReplayErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReplayError';
    this.code = code;
  }
}

/** A play-by-play row that cannot be trusted: names the file, the 1-based line and the column. */
export class ReplayRowError extends ReplayError {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  constructor(file: string, line: number, column: string, problem: string, options?: ErrorOptions) {
    super('ERR_REPLAY_ROW', `${file}:${line}: column ${column}: ${problem}`, options);
    this.name = 'ReplayRowError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

export function optionError(message: string): ReplayError {
  return new ReplayError('ERR_REPLAY_OPTION', message);
}

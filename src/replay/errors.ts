/**
 * Errors of the replay. Each carries a stable `code` so the command and the tests can branch on it
 * without parsing messages; messages name the file, line and column or the option at fault.
 */
import { CourtsideError } from '../errors.ts';

export type ReplayErrorCode =
  | 'invalid_option'
  | 'replay_file'
  | 'replay_header'
  | 'replay_row'
  | 'replay_no_data'
  | 'replay_no_games';

export class ReplayError extends CourtsideError<ReplayErrorCode> {}

/** A play-by-play row that cannot be trusted: names the file, the 1-based line and the column. */
export class ReplayRowError extends ReplayError {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  constructor(file: string, line: number, column: string, problem: string, options?: ErrorOptions) {
    super('replay_row', `${file}:${line}: column ${column}: ${problem}`, options);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

export function optionError(message: string): ReplayError {
  return new ReplayError('invalid_option', message);
}

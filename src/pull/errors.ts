/**
 * Errors of `data pull`, each with a stable code. What a single game got wrong is not an error:
 * it is a line of the pull report. These stop the pull (after writing what it has).
 */
export type PullErrorCode =
  /** An option out of range, named with the value given. */
  | 'ERR_PULL_OPTION'
  /** The target folder or one of its files cannot be read or written. */
  | 'ERR_PULL_FILE'
  /** The CDN kept failing (breaker open, every game refused): nothing more to be had politely. */
  | 'ERR_PULL_CDN';

export class PullError extends Error {
  readonly code: PullErrorCode;
  constructor(code: PullErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PullError';
    this.code = code;
  }
}

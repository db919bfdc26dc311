/**
 * Errors of `data pull`, each with a stable code. What a single game got wrong is not an error:
 * it is a line of the pull report. These stop the pull (after writing what it has).
 */
import { CourtsideError } from '../errors.ts';

export type PullErrorCode =
  /** An option out of range, named with the value given. */
  | 'invalid_option'
  /** The target folder or one of its files cannot be read or written. */
  | 'pull_file'
  /** The CDN kept failing (breaker open, every game refused): nothing more to be had politely. */
  | 'pull_cdn';

export class PullError extends CourtsideError<PullErrorCode> {}

/**
 * Errors of night archives, each with a stable `code`; the message names the file and, for a
 * damaged archive, the byte offset where it stops making sense.
 */
import { CourtsideError } from '../errors.ts';

export type ArchiveErrorCode =
  /** Not an archive at all (wrong magic), or a version this code does not read. */
  | 'archive_format'
  /** Damage before the last frame: not what a crash leaves behind. */
  | 'archive_corrupt'
  /** The file cannot be opened, read or written. */
  | 'archive_file'
  /** A whole archive with no response in it: nothing to replay. */
  | 'archive_empty'
  | 'archive_closed';

export class ArchiveError extends CourtsideError<ArchiveErrorCode> {
  readonly file: string;
  /** Byte offset of the damaged frame, when there is one. */
  readonly offset: number | undefined;

  constructor(code: ArchiveErrorCode, file: string, message: string, options?: ErrorOptions & { offset?: number }) {
    super(code, `${file}: ${message}`, options);
    this.file = file;
    this.offset = options?.offset;
  }
}

/**
 * Errors of night archives, each with a stable `code`; the message names the file and, for a
 * damaged archive, the byte offset where it stops making sense.
 */
export type ArchiveErrorCode =
  /** Not an archive at all (wrong magic), or a version this code does not read. */
  | 'ERR_ARCHIVE_FORMAT'
  /** Damage before the last frame: not what a crash leaves behind. */
  | 'ERR_ARCHIVE_CORRUPT'
  /** The file cannot be opened, read or written. */
  | 'ERR_ARCHIVE_FILE'
  /** A whole archive with no response in it: nothing to replay. */
  | 'ERR_ARCHIVE_EMPTY'
  | 'ERR_ARCHIVE_CLOSED';

export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly file: string;
  /** Byte offset of the damaged frame, when there is one. */
  readonly offset: number | undefined;

  constructor(code: ArchiveErrorCode, file: string, message: string, options?: ErrorOptions & { offset?: number }) {
    super(`${file}: ${message}`, options);
    this.name = 'ArchiveError';
    this.code = code;
    this.file = file;
    this.offset = options?.offset;
  }
}

/**
 * Appends responses to a night archive so that a kill -9 loses at most the one being written:
 * each record is compressed, framed and handed to the kernel with one write before `append`
 * resolves, and fdatasync follows in the background (one at a time, coalescing what arrived
 * meanwhile), so a power cut loses at most the last few milliseconds. Opening an existing
 * archive drops its torn tail, if any, and starts a new segment after it.
 */
import { closeSync, fdatasync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { SegmentCompressor } from './brotli-stream.ts';
import { ArchiveError } from './errors.ts';
import { encodeFrame, MAGIC, scanFrames, type FrameKind } from './frames.ts';
import { encodeRecord, type ArchiveRecord, type SegmentInfo } from './records.ts';

export interface ArchiveWriterOptions {
  /** Told when an existing archive's torn tail is dropped. */
  readonly warn?: (message: string) => void;
}

export class ArchiveWriter {
  readonly file: string;
  readonly #fd: number;
  readonly #compressor = new SegmentCompressor();
  #bytes: number;
  #records = 0;
  /** The feed's clock as of the last frame, for the closing frame's stamp. */
  #time: number;
  #chain: Promise<void> = Promise.resolve();
  #failure: ArchiveError | undefined;
  #closed = false;
  #syncing: Promise<void> | undefined;
  #dirty = false;

  private constructor(file: string, fd: number, bytes: number, time: number) {
    this.file = file;
    this.#fd = fd;
    this.#bytes = bytes;
    this.#time = time;
  }

  /** Creates `file`, or continues it after its last whole frame; either way a new segment starts. */
  static open(file: string, segment: SegmentInfo, options: ArchiveWriterOptions = {}): ArchiveWriter {
    const existing = readExisting(file);
    const scan = existing === undefined ? undefined : scanFrames(existing, file);
    let fd: number;
    try {
      fd = openSync(file, existing === undefined ? 'wx' : 'r+');
      if (scan?.torn) ftruncateSync(fd, scan.end);
    } catch (error) {
      throw fileError(file, 'cannot open', error);
    }
    if (scan?.torn) {
      options.warn?.(`${file}: dropped a torn tail of ${scan.torn.bytes} bytes at byte ${scan.torn.offset} (${scan.torn.reason}), left by a recorder that stopped mid-write`);
    }
    const end = scan?.end ?? 0;
    const writer = new ArchiveWriter(file, fd, end, segment.startedAt);
    const start = encodeFrame('S', segment.startedAt, Buffer.from(JSON.stringify(segment)));
    try {
      writer.#write(end === 0 ? Buffer.concat([MAGIC, start]) : start);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    writer.#requestSync();
    return writer;
  }

  /** Records appended by this writer. */
  get records(): number {
    return this.#records;
  }

  /** The archive's size in bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Resolves once the record is in the file (in the kernel's hands; on disk shortly after). */
  append(record: ArchiveRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new ArchiveError('archive_closed', this.file, 'append after close'));
    return this.#then(async () => {
      const payload = await this.#compressor.record(encodeRecord(record));
      this.#frame('R', record.receivedAt, payload);
      this.#records++;
      this.#time = record.receivedAt;
    });
  }

  /** Ends the segment cleanly, waits for the disk, and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#then(async () => this.#frame('E', this.#time, await this.#compressor.finish()));
      while (this.#syncing) await this.#syncing;
      if (this.#failure) throw this.#failure;
      await this.#sync();
    } finally {
      closeSync(this.#fd);
    }
  }

  /** Writes run one at a time, in call order; after one fails, every later one fails the same way. */
  #then(step: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(async () => {
      if (this.#failure) throw this.#failure;
      try {
        await step();
      } catch (error) {
        this.#failure ??= error instanceof ArchiveError ? error : fileError(this.file, 'cannot write', error);
        throw this.#failure;
      }
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  #frame(kind: FrameKind, time: number, payload: Uint8Array): void {
    this.#write(encodeFrame(kind, time, payload));
    this.#requestSync();
  }

  #write(bytes: Buffer): void {
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written, this.#bytes + written);
    } catch (error) {
      throw fileError(this.file, 'cannot write', error);
    }
    this.#bytes += bytes.length;
  }

  #requestSync(): void {
    if (this.#syncing) {
      this.#dirty = true;
      return;
    }
    this.#syncing = this.#sync().then(
      () => {
        this.#syncing = undefined;
        if (this.#dirty && !this.#failure) {
          this.#dirty = false;
          this.#requestSync();
        }
      },
      (error: unknown) => {
        this.#syncing = undefined;
        this.#failure ??= fileError(this.file, 'cannot sync', error);
      },
    );
  }

  #sync(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.#fd, (error) => (error ? reject(error) : resolve())));
  }
}

function readExisting(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(file, 'cannot read', error);
  }
}

function fileError(file: string, what: string, error: unknown): ArchiveError {
  return new ArchiveError('archive_file', file, `${what}: ${(error as Error).message}`, { cause: error });
}

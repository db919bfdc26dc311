/**
 * Reads a night archive back: a cheap summary from the frames alone (no decompression), then the
 * responses in the order they arrived, decompressed lazily so that a whole night never has to
 * sit in memory. A torn tail (what a kill -9 mid-write leaves) is dropped with a warning.
 */
import { readFileSync } from 'node:fs';
import { SegmentDecompressor } from './brotli-stream.ts';
import { ArchiveError } from './errors.ts';
import { scanFrames, type Frame, type TornTail } from './frames.ts';
import { decodeRecords, decodeSegment, type ArchiveRecord, type SegmentInfo } from './records.ts';

/**
 * Frames decompressed in one call: each call is a round trip to zlib's thread pool, which costs
 * more than decompressing one small record; a batch of play-by-play bodies is a few MB.
 */
const DECODE_BATCH = 32;

export interface ArchiveSummary {
  readonly file: string;
  readonly bytes: number;
  /** One per recorder run that wrote to the file. */
  readonly segments: readonly SegmentInfo[];
  readonly records: number;
  /** Arrival of the first and the last response, on the feed's clock; undefined when there is none. */
  readonly firstAt: number | undefined;
  readonly lastAt: number | undefined;
  readonly torn: TornTail | undefined;
}

export interface ArchivedResponse {
  readonly record: ArchiveRecord;
  /** The segment it was recorded in (its feed URL turns the record's URL into a path). */
  readonly segment: SegmentInfo;
}

export interface ArchiveReaderOptions {
  readonly warn?: (message: string) => void;
}

export class ArchiveReader {
  readonly summary: ArchiveSummary;
  readonly #frames: readonly Frame[];
  readonly #segments: ReadonlyMap<Frame, SegmentInfo>;

  private constructor(summary: ArchiveSummary, frames: readonly Frame[], segments: ReadonlyMap<Frame, SegmentInfo>) {
    this.summary = summary;
    this.#frames = frames;
    this.#segments = segments;
  }

  static open(file: string, options: ArchiveReaderOptions = {}): ArchiveReader {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new ArchiveError('archive_file', file, `cannot read: ${(error as Error).message}`, { cause: error });
    }
    const { frames, torn } = scanFrames(bytes, file);
    if (torn) options.warn?.(`${file}: dropped a torn tail of ${torn.bytes} bytes at byte ${torn.offset} (${torn.reason}); every record before it is whole`);
    const segments = new Map<Frame, SegmentInfo>();
    let open = false;
    const records = frames.filter((f) => f.kind === 'R');
    for (const frame of frames) {
      if (frame.kind === 'S') segments.set(frame, decodeSegment(frame.payload, file, frame.offset));
      else if (!open) throw new ArchiveError('archive_corrupt', file, `the ${frame.kind === 'R' ? 'record' : 'segment end'} at byte ${frame.offset} belongs to no segment`, { offset: frame.offset });
      open = frame.kind !== 'E';
    }
    const summary: ArchiveSummary = {
      file,
      bytes: bytes.length,
      segments: [...segments.values()],
      records: records.length,
      firstAt: records[0]?.time,
      lastAt: records.at(-1)?.time,
      torn,
    };
    return new ArchiveReader(summary, frames, segments);
  }

  /** Every response, in the order they were written (the order they arrived). */
  async *responses(): AsyncGenerator<ArchivedResponse> {
    const { file } = this.summary;
    let segment: SegmentInfo | undefined;
    let decompressor = new SegmentDecompressor();
    let batch: Frame[] = [];
    const decode = async (): Promise<ArchivedResponse[]> => {
      const frames = batch;
      batch = [];
      if (frames.length === 0) return [];
      let bytes: Buffer;
      try {
        bytes = await decompressor.chunk(Buffer.concat(frames.map((f) => f.payload)));
      } catch (error) {
        const where = frames.length === 1 ? `the record at byte ${frames[0]?.offset}` : `one of the records at bytes ${frames[0]?.offset}..${frames.at(-1)?.offset}`;
        throw new ArchiveError('archive_corrupt', file, `${where} does not decompress: ${(error as Error).message}`, { offset: frames[0]?.offset, cause: error });
      }
      return decodeRecords(bytes, file, frames.map((f) => f.offset)).map((record) => ({ record, segment: segment as SegmentInfo }));
    };
    for (const frame of this.#frames) {
      const started = this.#segments.get(frame);
      if (started) {
        yield* await decode();
        segment = started;
        decompressor = new SegmentDecompressor();
      } else if (frame.kind === 'R') {
        batch.push(frame);
        if (batch.length === DECODE_BATCH) yield* await decode();
      }
    }
    yield* await decode();
  }
}

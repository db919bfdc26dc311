/**
 * What frames carry. An `S` frame's payload is a segment's description as JSON. Each `R` frame
 * decompresses to exactly one response:
 *
 *   length u32 BE (of what follows) | meta length u32 BE | meta JSON (url, status, headers,
 *   sentAt, receivedAt) | body bytes
 *
 * The leading length lets a reader decompress many frames at once and still split them. The body
 * is kept as received, never re-encoded, so a replay can serve it byte for byte.
 */
import { z } from 'zod';
import { ArchiveError } from './errors.ts';

export interface ArchiveRecord {
  readonly url: string;
  readonly status: number;
  /** Lower-case names; transfer-level ones (encoding, length, connection) left out. */
  readonly headers: Readonly<Record<string, string>>;
  /** Epoch ms on the recorder's clock: request sent, body fully arrived. */
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly body: Uint8Array;
}

const RecordMeta = z.strictObject({
  url: z.string().min(1),
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  sentAt: z.number(),
  receivedAt: z.number(),
});

export const SegmentInfo = z.looseObject({
  /** The night recorded, `YYYY-MM-DD`, from the scoreboard's `gameDate`. */
  night: z.iso.date(),
  /** The feed's base URL; records' URLs start with it. */
  feedUrl: z.string().min(1),
  /** How fast the recorded feed ran (1 for the NBA); times are on the feed's clock. */
  speed: z.number().positive(),
  startedAt: z.number(),
});
export type SegmentInfo = z.infer<typeof SegmentInfo>;

export function encodeRecord(record: ArchiveRecord): Buffer {
  const { url, status, headers, sentAt, receivedAt } = record;
  const meta = Buffer.from(JSON.stringify({ url, status, headers, sentAt, receivedAt }));
  const out = Buffer.allocUnsafe(8 + meta.length + record.body.length);
  out.writeUInt32BE(out.length - 4, 0);
  out.writeUInt32BE(meta.length, 4);
  out.set(meta, 8);
  out.set(record.body, 8 + meta.length);
  return out;
}

/**
 * The records in what consecutive `R` frames decompressed to, one per frame; `offsets` (where
 * each frame starts in the file) name the damaged one in errors.
 */
export function decodeRecords(bytes: Buffer, file: string, offsets: readonly number[]): ArchiveRecord[] {
  const records: ArchiveRecord[] = [];
  let at = 0;
  for (const offset of offsets) {
    const length = at + 4 <= bytes.length ? bytes.readUInt32BE(at) : Number.NaN;
    if (!(at + 4 + length <= bytes.length)) throw corrupt(file, offset, `does not decompress to a whole record (${bytes.length - at} bytes left)`);
    records.push(decodeRecord(bytes.subarray(at + 4, at + 4 + length), file, offset));
    at += 4 + length;
  }
  if (at !== bytes.length) throw corrupt(file, offsets.at(-1) ?? 0, `is followed by ${bytes.length - at} stray bytes`);
  return records;
}

function decodeRecord(bytes: Buffer, file: string, offset: number): ArchiveRecord {
  const metaLength = bytes.length >= 4 ? bytes.readUInt32BE(0) : Number.NaN;
  if (!(4 + metaLength <= bytes.length)) throw corrupt(file, offset, `is ${bytes.length} bytes, too few for its header`);
  let meta: z.infer<typeof RecordMeta>;
  try {
    meta = RecordMeta.parse(JSON.parse(bytes.subarray(4, 4 + metaLength).toString('utf8')));
  } catch (error) {
    throw corrupt(file, offset, `has an unreadable header (${error instanceof z.ZodError ? z.prettifyError(error).replaceAll('\n', ' ') : (error as Error).message})`, error);
  }
  return { ...meta, body: bytes.subarray(4 + metaLength) };
}

export function decodeSegment(payload: Buffer, file: string, offset: number): SegmentInfo {
  try {
    return SegmentInfo.parse(JSON.parse(payload.toString('utf8')));
  } catch (error) {
    throw new ArchiveError('archive_corrupt', file, `the segment header at byte ${offset} is unreadable: ${(error as Error).message}`, { offset, cause: error });
  }
}

function corrupt(file: string, offset: number, problem: string, cause?: unknown): ArchiveError {
  return new ArchiveError('archive_corrupt', file, `the record at byte ${offset} ${problem}`, { offset, cause });
}

/**
 * The outer layer of a night archive: a magic line, then frames, each written with one write(2):
 *
 *   kind u8 | payload length u32 BE | time f64 BE (epoch ms) | crc32 u32 BE | payload
 *
 * The CRC covers the first 13 bytes and the payload. `S` starts a segment (payload: its JSON
 * description, uncompressed; a fresh compressed stream begins after it), `R` is one record
 * (payload: the stream's bytes for exactly that record, flushed; time: when it arrived), `E` ends
 * a segment cleanly (payload: the stream's last bytes). A crash can only leave the last frame
 * short or wrong: that torn tail is reported and dropped; damage anywhere before it is an error.
 */
import { crc32 } from 'node:zlib';
import { ArchiveError } from './errors.ts';

export const FORMAT_VERSION = 1;
const MAGIC_PREFIX = 'courtside-archive ';
export const MAGIC = Buffer.from(`${MAGIC_PREFIX}${FORMAT_VERSION}\n`);
export const HEADER_BYTES = 17;

export type FrameKind = 'S' | 'R' | 'E';
const KINDS: ReadonlySet<number> = new Set(['S', 'R', 'E'].map((k) => k.charCodeAt(0)));

export interface Frame {
  readonly kind: FrameKind;
  readonly time: number;
  /** Where the frame starts in the file. */
  readonly offset: number;
  readonly payload: Buffer;
}

export interface TornTail {
  readonly offset: number;
  readonly bytes: number;
  readonly reason: string;
}

export interface FrameScan {
  readonly frames: readonly Frame[];
  /** Where the last whole frame ends: the length the file should have. */
  readonly end: number;
  readonly torn: TornTail | undefined;
}

export function encodeFrame(kind: FrameKind, time: number, payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt8(kind.charCodeAt(0), 0);
  frame.writeUInt32BE(payload.length, 1);
  frame.writeDoubleBE(time, 5);
  frame.set(payload, HEADER_BYTES);
  frame.writeUInt32BE(checksum(frame.subarray(0, 13), payload), 13);
  return frame;
}

/** Every whole frame of `buf` (a file's bytes); throws for anything but an archive with at most a torn tail. */
export function scanFrames(buf: Buffer, file: string): FrameScan {
  if (buf.length <= MAGIC.length && MAGIC.subarray(0, buf.length).equals(buf)) {
    // Created, then killed before its first write finished.
    return { frames: [], end: 0, torn: buf.length === 0 ? undefined : { offset: 0, bytes: buf.length, reason: 'the file ends inside its first line' } };
  }
  checkMagic(buf, file);
  const frames: Frame[] = [];
  let offset = MAGIC.length;
  const torn = (reason: string): FrameScan => ({ frames, end: offset, torn: { offset, bytes: buf.length - offset, reason } });
  while (offset < buf.length) {
    const left = buf.length - offset;
    if (left < HEADER_BYTES) return torn(`${left} bytes of a frame header`);
    const kind = buf.readUInt8(offset);
    if (!KINDS.has(kind)) {
      if (buf.subarray(offset).every((b) => b === 0)) return torn(`${left} zero bytes`);
      throw new ArchiveError('archive_corrupt', file, `no frame starts at byte ${offset} (kind byte 0x${kind.toString(16).padStart(2, '0')})`, { offset });
    }
    const length = buf.readUInt32BE(offset + 1);
    const end = offset + HEADER_BYTES + length;
    if (end > buf.length) return torn(`a frame of ${length} bytes with ${left - HEADER_BYTES} written`);
    const payload = buf.subarray(offset + HEADER_BYTES, end);
    if (checksum(buf.subarray(offset, offset + 13), payload) !== buf.readUInt32BE(offset + 13)) {
      if (end === buf.length) return torn('the last frame fails its checksum');
      throw new ArchiveError('archive_corrupt', file, `the frame at byte ${offset} fails its checksum`, { offset });
    }
    frames.push({ kind: String.fromCharCode(kind) as FrameKind, time: buf.readDoubleBE(offset + 5), offset, payload });
    offset = end;
  }
  return { frames, end: offset, torn: undefined };
}

function checkMagic(buf: Buffer, file: string): void {
  if (buf.subarray(0, MAGIC.length).equals(MAGIC)) return;
  const line = buf.subarray(0, Math.min(buf.length, 40)).toString('latin1').split('\n')[0] ?? '';
  if (line.startsWith(MAGIC_PREFIX)) {
    throw new ArchiveError('archive_format', file, `archive format ${JSON.stringify(line.slice(MAGIC_PREFIX.length))}; this Courtside reads format ${FORMAT_VERSION}`);
  }
  throw new ArchiveError('archive_format', file, `not a Courtside night archive (it does not start with "${MAGIC_PREFIX}${FORMAT_VERSION}")`);
}

function checksum(head: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(head));
}

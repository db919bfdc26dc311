/**
 * Decides what a resuming client gets and reads it a page at a time: the exact gap since its last
 * seq (from memory, else from the durable log), or the reason it must make do with a fresh
 * snapshot. A replay is only given when it can be exact: same epoch, a seq this server issued, a
 * gap within the resume window and still held, and nothing newer already sent on this connection
 * (a replay behind it would arrive out of order). A gap (a seq whose message this server does not
 * hold, see `Frame.gap`) is read like any frame, so pages stay consecutive, and never sent.
 */
import { makeFrame, makeGap, type History, type Frame } from './history.ts';
import { GAME_MESSAGE_TYPES, isBroadcastType, type BroadcastMessage } from './sink.ts';
import type { Encode } from './socket.ts';
import type { ArchivedGap, ArchivedMessage, MessageArchive } from './source.ts';

export interface ReplaySource {
  readonly epoch: string;
  /** The seq of the last published message. */
  readonly seq: number;
  readonly history: History;
  /** Older history than memory holds (the durable log), if any. */
  readonly archive: MessageArchive | undefined;
  /** Turns a message from the archive into what the transport sends. */
  readonly encode: Encode;
}

export interface ResumeRequest {
  readonly epoch: string;
  readonly lastSeq: number;
  /** Highest seq already written to this connection (-1: none). */
  readonly lastSentSeq: number;
}

/** Where an exact replay starts, or why there can be none. */
export type ResumeStart = { readonly ok: true; readonly afterSeq: number } | { readonly ok: false; readonly reason: string };

/** One page of a replay, oldest first; empty once the client is at the head. */
export type Page =
  | { readonly ok: true; readonly frames: Frame[] }
  /** `failure` is set when the log itself failed, which deserves more than a debug line. */
  | { readonly ok: false; readonly reason: string; readonly failure?: string };

/** Checks a resume request; a gap beyond `window` messages is cheaper for both sides as a snapshot. */
export function startResume(source: ReplaySource, request: ResumeRequest, window: number): ResumeStart {
  const { lastSeq } = request;
  if (request.epoch !== source.epoch) return { ok: false, reason: 'epoch changed' };
  if (lastSeq > source.seq) return { ok: false, reason: 'last_seq is ahead of the server' };
  if (request.lastSentSeq > lastSeq) return { ok: false, reason: 'newer messages already sent on this connection' };
  const gap = source.seq - lastSeq;
  if (gap > window) return { ok: false, reason: `gap of ${gap} messages is beyond the resume window of ${window}` };
  return { ok: true, afterSeq: lastSeq };
}

/** Up to `limit` messages after `afterSeq`: from memory while it holds them, else from the durable log. */
export function readPage(source: ReplaySource, afterSeq: number, limit: number): Page {
  if (afterSeq >= source.seq) return { ok: true, frames: [] };
  const frames = source.history.page(afterSeq, limit);
  if (frames) return { ok: true, frames };
  return source.archive ? fromLog(source, source.archive, afterSeq, Math.min(limit, source.seq - afterSeq)) : { ok: false, reason: 'gap older than history' };
}

function fromLog(source: ReplaySource, log: MessageArchive, afterSeq: number, wanted: number): Page {
  try {
    const rows = log.messagesSince(source.epoch, afterSeq, wanted);
    if (!rows || rows.length !== wanted) return { ok: false, reason: 'gap older than the message log' };
    return { ok: true, frames: rows.map((row, i) => frameOf(row, afterSeq + 1 + i, source.encode)) };
  } catch (error) {
    return { ok: false, reason: 'message log unreadable', failure: (error as Error).message };
  }
}

/** A logged message (or gap) back into a frame, checking it is the one expected at this place in the gap. */
function frameOf(row: ArchivedMessage | ArchivedGap, expectedSeq: number, encode: Encode): Frame {
  const seq = row.seq;
  if ('gap' in row) {
    if (row.gap !== true || seq !== expectedSeq) throw new Error(`logged gap ${seq} is not at seq ${expectedSeq}`);
    return makeGap(seq);
  }
  const json = row.json;
  const message = JSON.parse(json) as Partial<BroadcastMessage> & { game_id?: unknown };
  const perGame = GAME_MESSAGE_TYPES.has(message.type as string);
  if (seq !== expectedSeq || message.seq !== seq || !isBroadcastType(message.type) || perGame !== (typeof message.game_id === 'string')) {
    throw new Error(`logged message ${seq} is not the broadcast message expected at seq ${expectedSeq}`);
  }
  return makeFrame(seq, message.type, perGame ? (message.game_id as string) : undefined, encode(json));
}

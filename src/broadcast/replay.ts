/**
 * Decides what a resuming client gets: the exact gap since its last seq (from memory, else from
 * the durable log), or the reason it must make do with a fresh snapshot. A replay is only given
 * when it can be exact: same epoch, a seq this server issued, the whole gap still held, and
 * nothing newer already sent on this connection (a replay behind it would arrive out of order).
 */
import { makeFrame, type History, type Frame } from './history.ts';
import type { DurableMessageLog } from './options.ts';
import { GAME_MESSAGE_TYPES, type GameMessage } from './sink.ts';

export interface ReplaySource {
  readonly epoch: string;
  /** The seq of the last published message. */
  readonly seq: number;
  readonly history: History;
  readonly log: DurableMessageLog | undefined;
}

export interface ResumeRequest {
  readonly epoch: string;
  readonly lastSeq: number;
  /** Highest seq already written to this connection (-1: none). */
  readonly lastSentSeq: number;
}

export type Gap =
  | { readonly ok: true; readonly frames: Frame[] }
  /** `failure` is set when the log itself failed, which deserves more than a debug line. */
  | { readonly ok: false; readonly reason: string; readonly failure?: string };

export function findGap(source: ReplaySource, request: ResumeRequest): Gap {
  const { lastSeq } = request;
  if (request.epoch !== source.epoch) return { ok: false, reason: 'epoch changed' };
  if (lastSeq > source.seq) return { ok: false, reason: 'last_seq is ahead of the server' };
  if (request.lastSentSeq > lastSeq) return { ok: false, reason: 'newer messages already sent on this connection' };
  if (lastSeq === source.seq) return { ok: true, frames: [] };
  const frames = source.history.since(lastSeq);
  if (frames) return { ok: true, frames };
  return source.log ? fromLog(source, source.log, lastSeq) : { ok: false, reason: 'gap older than history' };
}

function fromLog(source: ReplaySource, log: DurableMessageLog, lastSeq: number): Gap {
  const wanted = source.seq - lastSeq;
  try {
    const rows = log.messagesSince(source.epoch, lastSeq, wanted);
    if (!rows || rows.length !== wanted) return { ok: false, reason: 'gap older than the message log' };
    return { ok: true, frames: rows.map((row, i) => frameOf(row.json, lastSeq + 1 + i, row.seq)) };
  } catch (error) {
    return { ok: false, reason: 'message log unreadable', failure: (error as Error).message };
  }
}

/** A logged message back into a frame, checking it is the one expected at this place in the gap. */
function frameOf(json: string, expectedSeq: number, seq: number): Frame {
  const message = JSON.parse(json) as Partial<GameMessage>;
  if (seq !== expectedSeq || message.seq !== seq || !GAME_MESSAGE_TYPES.has(message.type as string) || typeof message.game_id !== 'string') {
    throw new Error(`logged message ${seq} is not the per-game message expected at seq ${expectedSeq}`);
  }
  return makeFrame(seq, message.type as GameMessage['type'], message.game_id, json);
}

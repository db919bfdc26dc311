/**
 * Where the protocol core's messages and older history come from. In one process the `Publisher`
 * numbers the pipeline's messages and logs them to the store; on an edge of several machines a
 * stream consumer would number nothing and hand over what the stream numbered. Either way the
 * core sees only these interfaces.
 */
import type { GameMessageType } from './sink.ts';

/** A per-game message numbered and serialized by its source, ready to fan out. */
export interface SequencedMessage {
  readonly seq: number;
  readonly type: GameMessageType;
  readonly gameId: string;
  readonly json: string;
}

/** A message as an archive keeps it: its seq and the JSON sent on the wire. */
export interface ArchivedMessage {
  readonly seq: number;
  readonly json: string;
}

/** What a message source drives. */
export interface MessageTarget {
  /** Identifies the history `seq` belongs to. */
  readonly epoch: string;
  /** The seq of the last message delivered (0 before the first). */
  readonly seq: number;
  /**
   * Fans out the next message. Its seq must be `seq + 1` (else `ERR_OUT_OF_SEQUENCE` and nothing
   * is sent): seqs are consecutive, so a replay can be proved to have no gap.
   */
  deliver(message: SequencedMessage): void;
  /** The history now goes on under another epoch: every client is told with a snapshot. */
  startEpoch(epoch: string): void;
}

/** History older than the core keeps in memory: the durable log, or a stream. */
export interface MessageArchive {
  /** Up to `limit` messages after `afterSeq`, oldest first; null when it cannot vouch for a complete replay. */
  messagesSince(epoch: string, afterSeq: number, limit: number): readonly ArchivedMessage[] | null;
}
